// Where a var is defined, for messages about a var that does not render: the key in a loaded YAML
// file (inventory, playbook, vars file, `-e @file`) whose value is the var's raw value.
import { isDeepStrictEqual } from 'node:util';
import { isNode, isPair, isScalar, visit } from 'yaml';
import { type YamlSource, loadedYamlSources } from './yaml.js';

/** `file:line:col` of the value of a key `name` equal to `raw`, or undefined when no loaded file has one. */
export function definitionOf(name: string, raw: unknown): string | undefined {
  for (const src of loadedYamlSources()) {
    const at = findKey(src, name, raw);
    if (at) return at;
  }
  return undefined;
}

function findKey(src: YamlSource, name: string, raw: unknown): string | undefined {
  let at: string | undefined;
  visit(src.doc, {
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.key) || String(pair.key.value) !== name || !isNode(pair.value)) return undefined;
      const range = pair.value.range;
      const value = isScalar(pair.value) ? pair.value.value : pair.value.toJSON();
      if (!range || !isDeepStrictEqual(value, raw)) return undefined;
      const pos = src.lineCounter.linePos(range[0]);
      at = `${src.file}:${pos.line}:${pos.col}`;
      return visit.BREAK;
    },
  });
  return at;
}
