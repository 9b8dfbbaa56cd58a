// Ansible's YAML inventory: top-level keys are groups, each with `hosts`, `vars` and `children`,
// nested to any depth. Walks the YAML nodes (not plain data) so that every host, group and var
// keeps its line and column, and a 5,000-host file is read in one pass.
import { type Node, type Pair, type YAMLMap, isMap, isScalar } from 'yaml';
import { ajvDiagnostics, validator } from '../schemas/ajv.js';
import { inventorySchema } from '../schemas/inventory.js';
import type { SourceRef } from '../types.js';
import type { YamlSource } from '../yaml.js';
import type { InventoryBuilder } from './builder.js';
import { expandHostPattern } from './host-pattern.js';

/** Adds a parsed YAML inventory to `b`; problems go to `b.diagnostics`. */
export function addYamlInventory(b: InventoryBuilder, src: YamlSource, data: unknown = src.doc.toJS({ maxAliasCount: 1000 })): void {
  b.diagnostics.push(...src.diagnostics);
  const validate = validator(inventorySchema);
  if (!validate(data)) b.diagnostics.push(...ajvDiagnostics(src, validate.errors));
  const root = src.doc.contents;
  if (!isMap(root)) return;
  const reader = new YamlGroups(b, src);
  for (const pair of root.items) reader.group(pair, []);
}

class YamlGroups {
  constructor(private readonly b: InventoryBuilder, private readonly src: YamlSource) {}

  private at(node: unknown): SourceRef {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    const pos = range ? this.src.lineCounter.linePos(range[0]) : { line: 1, col: 1 };
    return { file: this.src.file, line: pos.line, col: pos.col };
  }

  private js(node: unknown): unknown {
    return node && typeof node === 'object' && 'toJS' in node ? (node as Node).toJS(this.src.doc, { maxAliasCount: 1000 }) : (node ?? null);
  }

  /** One group: its vars, its hosts, then its children (the order Ansible's plugin reads them in). */
  group(pair: Pair, stack: string[]): string | undefined {
    if (!isScalar(pair.key)) return undefined;
    const name = String(pair.key.value);
    const at = this.at(pair.key);
    if (stack.includes(name)) {
      this.b.diagnostics.push({ ...at, message: `group cycle: ${[...stack.slice(stack.indexOf(name)), name].join(' → ')}` });
      return undefined;
    }
    this.b.group(name, at);
    const node = pair.value;
    if (!isMap(node)) return name;
    for (const section of node.items) {
      const key = isScalar(section.key) ? String(section.key.value) : '';
      const body = section.value;
      if (!isMap(body)) continue;
      if (key === 'vars') for (const v of body.items) this.b.setGroupVar(name, String(this.js(v.key)), this.js(v.value), this.at(v.key));
      else if (key === 'hosts') this.hosts(name, body);
      else if (key === 'children') {
        for (const child of body.items) {
          const childName = this.group(child, [...stack, name]);
          if (childName !== undefined) this.b.addChild(name, childName, this.at(child.key));
        }
      }
    }
    return name;
  }

  private hosts(group: string, body: YAMLMap): void {
    for (const h of body.items) {
      if (!isScalar(h.key)) continue;
      const at = this.at(h.key);
      let pattern;
      try {
        pattern = expandHostPattern(String(h.key.value));
      } catch (err) {
        this.b.diagnostics.push({ ...at, message: (err as Error).message });
        continue;
      }
      const vars: Record<string, unknown> = {};
      const where = new Map<string, SourceRef>();
      if (pattern.port !== undefined) vars.ansible_port = pattern.port;
      if (isMap(h.value)) {
        for (const v of h.value.items) {
          const k = String(this.js(v.key));
          vars[k] = this.js(v.value);
          where.set(k, this.at(v.key));
        }
      }
      for (const name of pattern.names) this.b.addHost(group, name, vars, at, (k) => where.get(k) ?? at);
    }
  }
}
