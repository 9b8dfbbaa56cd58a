// Limits on a parsed YAML document, checked before anything converts it: aliases that refer to
// their own ancestor (a cycle) or expand past a size (an alias bomb), and nesting past a depth.
import { type Document, type LineCounter, isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Diagnostic } from '../errors.js';

/** Deepest nesting of lists and mappings accepted. */
export const MAX_YAML_DEPTH = 200;
/** Most nodes a document may expand to once its aliases are followed. */
export const MAX_YAML_NODES = 1_000_000;

/** Flow nesting (`[[[[`) deeper than the limit, found by a scan before parsing (the parser recurses). */
export function tooDeepFlow(text: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) {
      if (++depth > MAX_YAML_DEPTH) return i;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return undefined;
}

/** Diagnostics for alias cycles, alias bombs and deep nesting; empty when the document is safe to convert. */
export function checkYamlBounds(doc: Document, lineCounter: LineCounter, file: string): Diagnostic[] {
  const sizes = new Map<unknown, number>();
  const at = (node: unknown, message: string): Diagnostic => {
    const range = (node as { range?: [number, number, number] }).range;
    const pos = range ? lineCounter.linePos(range[0]) : { line: 1, col: 1 };
    return { file, line: pos.line, col: pos.col, message };
  };
  const path: unknown[] = [];
  const size = (node: unknown, depth: number): number => {
    if (depth > MAX_YAML_DEPTH) throw at(node, `YAML nesting deeper than ${MAX_YAML_DEPTH} levels (limit on nesting depth)`);
    if (isAlias(node)) {
      const target = node.resolve(doc);
      if (!target) return 1;
      if (path.includes(target)) throw at(node, `YAML alias *${node.source} refers to a node that contains it (a self-referential alias)`);
      return size(target, depth);
    }
    if (sizes.has(node)) return sizes.get(node)!;
    let n = 1;
    path.push(node);
    if (isMap(node) || isSeq(node)) {
      for (const item of node.items as unknown[]) {
        n += isPair(item) ? size(item.key, depth + 1) + size(item.value, depth + 1) : size(item, depth + 1);
        if (n > MAX_YAML_NODES) throw at(node, `YAML aliases expand to more than ${MAX_YAML_NODES} nodes (an alias bomb? limit on collection size)`);
      }
    } else if (!isScalar(node) && node !== null && node !== undefined && !isPair(node)) n = 1;
    path.pop();
    sizes.set(node, n);
    return n;
  };
  try {
    size(doc.contents, 0);
    return [];
  } catch (err) {
    if (err && typeof err === 'object' && 'message' in err && 'line' in err) return [err as Diagnostic];
    throw err;
  }
}
