// Playbooks, task files, vars and YAML inventories: each scalar holding Jinja is translated and
// written back in its own quoting style, so comments, order and layout stay as they were.
// Values of when/changed_when/failed_when/until and assert's that are bare conditions.
import { isPair, isScalar, isSeq, parseDocument, Scalar, visit } from 'yaml';
import { translateCondition, translateText, type Translation } from '../template/jinja/translate.js';
import { type FileConversion, type Leftover, positionOf } from './types.js';

const CONDITION_KEYS = new Set(['when', 'changed_when', 'failed_when', 'until', 'that']);

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** The YAML double-quoted form of `value`. */
function doubleQuoted(value: string): string {
  return `"${value.replace(/[\\"\n\t]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\t': '\\t' })[c]!)}"`;
}

/** Whether `value` reads back unchanged as a plain scalar. */
function plainOk(value: string): boolean {
  return value !== '' && value === value.trim() && !/^[-?:,[\]{}#&*!|>'"%@`]/.test(value) && !/: |:$| #|\n/.test(value);
}

/** The key a scalar is the value of (directly, or as an item of a list under that key). */
function keyOf(path: readonly unknown[]): string | undefined {
  const parent = path.at(-1);
  const owner = isSeq(parent) ? path.at(-2) : parent;
  return isPair(owner) && isScalar(owner.key) ? String(owner.key.value) : undefined;
}

/** Converts a YAML file's text. */
export function convertYaml(text: string): FileConversion {
  const doc = parseDocument(text, { keepSourceTokens: true });
  const edits: Edit[] = [];
  const leftovers: Leftover[] = [];
  let rewritten = 0;
  visit(doc, {
    Scalar(key, node, path) {
      if (key === 'key' || typeof node.value !== 'string' || !node.range) return;
      const value = node.value;
      const condition = CONDITION_KEYS.has(keyOf(path) ?? '');
      if (!condition && !/\{[{%#]/.test(value)) return;
      const [start, end] = node.range;
      const block = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED || (node.type === Scalar.PLAIN && value.includes('\n'));
      const quote = node.type === Scalar.QUOTE_DOUBLE ? "'" : '"';
      let t: Translation;
      let base = start + (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE ? 1 : 0);
      let replacement: string;
      if (block) {
        // No escapes in block scalars: the source text itself is translated.
        const source = text.slice(start, end);
        const header = node.type === Scalar.PLAIN ? 0 : source.indexOf('\n') + 1;
        t = translateText(source.slice(header), { quote });
        base = start + header;
        replacement = source.slice(0, header) + t.text;
      } else {
        t = condition ? translateCondition(value, { quote }) : translateText(value, { quote });
        replacement = node.type === Scalar.QUOTE_DOUBLE ? doubleQuoted(t.text) : node.type === Scalar.PLAIN && plainOk(t.text) ? t.text : `'${t.text.replaceAll("'", "''")}'`;
      }
      for (const p of t.problems) leftovers.push({ ...positionOf(text, base + p.offset), message: p.message });
      if (t.rewritten > 0 && t.text !== (block ? undefined : value)) {
        edits.push({ start, end: block ? end : end, text: replacement });
        rewritten += t.rewritten;
      }
    },
  });
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return { text: out, leftovers: leftovers.sort((a, b) => a.line - b.line || a.col - b.col), rewritten };
}
