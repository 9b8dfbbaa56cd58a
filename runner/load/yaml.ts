// YAML with positions: every diagnostic points at `file:line:col`, whatever stage finds it.
import { type Document, LineCounter, type ScalarTag, type Tags, isMap, isPair, isScalar, parseDocument, visit } from 'yaml';
import type { Diagnostic } from '../errors.js';
import { MAX_YAML_BYTES, readBounded } from './bounded-read.js';
import { MAX_YAML_DEPTH, checkYamlBounds, tooDeepFlow } from './yaml-bounds.js';
import { VaultError, decryptVault, isVaultText } from './vault/decrypt.js';
import { vaultSecrets } from './vault/secrets.js';

// `!vault |` values decrypt while parsing, with the run's vault passwords; a failure is a located error.
const vaultTag: ScalarTag = {
  tag: '!vault',
  resolve(text, onError) {
    try {
      return decryptVault(text, vaultSecrets());
    } catch (err) {
      onError(`!vault: ${err instanceof VaultError ? err.message : String(err)}`);
      return '';
    }
  },
};

/** A parsed YAML file that can map a data path back to its position. */
export interface YamlSource {
  file: string;
  doc: Document;
  lineCounter: LineCounter;
  /** Syntax errors (duplicate keys included), already as diagnostics. */
  diagnostics: Diagnostic[];
}

export type YamlPath = ReadonlyArray<string | number>;

// Floats as PyYAML (Ansible's reader) resolves them: a dot is required and an exponent is signed,
// so a host named `e1` or a value `1e3` stays a string (the yaml library's 1.1 reads `e1` as NaN).
const PY_FLOAT = /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?)$/;
const pyFloats = (tags: Tags): Tags =>
  tags.map((t) => (typeof t === 'object' && t.tag === 'tag:yaml.org,2002:float' && t.test && !String(t.test).includes('inf') ? { ...t, test: PY_FLOAT } : t));

// Booleans as PyYAML resolves them: yes/no, true/false, on/off; a bare `y` or `n` stays a string
// (the yaml library's 1.1 reads them as booleans, so a var `y: two` became a key "true").
const PY_BOOL = { true: /^(?:[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/, false: /^(?:[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/ };
const pyBools = (tags: Tags): Tags =>
  tags.map((t) => {
    if (typeof t !== 'object' || t.tag !== 'tag:yaml.org,2002:bool' || !t.test) return t;
    return { ...t, test: t.test.test('yes') ? PY_BOOL.true : PY_BOOL.false };
  });

/** Parses YAML text; YAML 1.1 reading (`yes` is true), as Ansible files expect. Never throws. */
export function parseYaml(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const deep = tooDeepFlow(text);
  if (deep !== undefined) {
    const empty = parseDocument('', { lineCounter });
    return { file, doc: empty, lineCounter, diagnostics: [{ file, ...positionAt(text, deep), message: `YAML nesting deeper than ${MAX_YAML_DEPTH} levels (limit on nesting depth)` }] };
  }
  const doc = parseDocument(text, { lineCounter, version: '1.1', uniqueKeys: true, prettyErrors: false, customTags: (tags: Tags) => [...pyBools(pyFloats(tags)), vaultTag] });
  const diagnostics = doc.errors
    .filter((e) => e.code !== 'DUPLICATE_KEY')
    .map((e) => {
      const pos = lineCounter.linePos(e.pos[0]);
      const first = e.message.split('\n')[0];
      return { file, line: pos.line, col: pos.col, message: first.startsWith('!vault: ') ? first : `YAML syntax error: ${first}` };
    });
  // yaml's own duplicate-key error points past the pair; find the second key node instead.
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (seen.has(key) && isScalar(pair.key) && pair.key.range) {
          const pos = lineCounter.linePos(pair.key.range[0]);
          diagnostics.push({ file, line: pos.line, col: pos.col, message: `duplicate key ${JSON.stringify(String(key))}` });
        }
        seen.add(key);
      }
    },
  });
  const bounds = checkYamlBounds(doc, lineCounter, file);
  // A document over the limits is never converted: its data reads as empty.
  if (bounds.length > 0) doc.contents = null;
  return { file, doc, lineCounter, diagnostics: [...diagnostics, ...bounds] };
}

function positionAt(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) [line, start] = [line + 1, i + 1];
  return { line, col: offset - start + 1 };
}

/** Reads and parses a YAML file; an unreadable file is one diagnostic at 1:1. */
export function readYaml(file: string): YamlSource {
  const read = readBounded(file, MAX_YAML_BYTES, 'the file');
  if ('error' in read) return { ...parseYaml('', file), diagnostics: [{ file, line: 1, col: 1, message: read.error }] };
  let text = read.text;
  if (isVaultText(text)) {
    // A vault-encrypted file (`ansible-vault encrypt vars.yml`): decrypted whole, then read as YAML.
    try {
      text = decryptVault(text, vaultSecrets());
    } catch (err) {
      if (!(err instanceof VaultError)) throw err;
      return { ...parseYaml('', file), diagnostics: [{ file, line: 1, col: 1, message: `vault-encrypted file: ${err.message}` }] };
    }
  }
  return remember(parseYaml(text, file));
}

// Files read so far, newest last: where a var is defined is looked up here when it fails to render.
const LOADED_LIMIT = 500;
const loaded: YamlSource[] = [];

/** Keeps a source parsed from text (an inventory read with its own bounds) for those lookups. */
export function remember(src: YamlSource): YamlSource {
  if (loaded.length >= LOADED_LIMIT) loaded.shift();
  loaded.push(src);
  return src;
}

/** The YAML files read by this process, newest first. */
export function loadedYamlSources(): readonly YamlSource[] {
  return [...loaded].reverse();
}

function nodeStart(src: YamlSource, node: unknown): { line: number; col: number } | undefined {
  const range = (node as { range?: [number, number, number] } | undefined)?.range;
  return range ? src.lineCounter.linePos(range[0]) : undefined;
}

/** Position of the value at `path`, or of its nearest existing ancestor. */
export function positionOf(src: YamlSource, path: YamlPath): { line: number; col: number } {
  for (let n = path.length; n >= 0; n--) {
    const pos = nodeStart(src, n === 0 ? src.doc.contents : src.doc.getIn(path.slice(0, n), true));
    if (pos) return pos;
  }
  return { line: 1, col: 1 };
}

/** Position of the key `path[last]` in its mapping (for unknown keys), else of the value. */
export function keyPositionOf(src: YamlSource, path: YamlPath): { line: number; col: number } {
  const parent = path.length === 1 ? src.doc.contents : src.doc.getIn(path.slice(0, -1), true);
  if (isMap(parent)) {
    const key = path[path.length - 1];
    const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
    const pos = pair && nodeStart(src, pair.key);
    if (pos) return pos;
  }
  return positionOf(src, path);
}

/** A diagnostic at the value (or key) at `path`. */
export function diagnosticAt(src: YamlSource, path: YamlPath, message: string, at: 'value' | 'key' = 'value'): Diagnostic {
  const pos = at === 'key' ? keyPositionOf(src, path) : positionOf(src, path);
  return { file: src.file, line: pos.line, col: pos.col, message };
}
