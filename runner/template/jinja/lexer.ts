// Tokens of a Jinja expression: names, numbers, strings (Python escapes decoded), operators.
import { Untranslatable } from './ast.js';

export interface Token {
  t: 'name' | 'num' | 'str' | 'op' | 'end';
  v: string;
  /** The decoded value of a string or number. */
  value?: string | number;
  at: number;
}

const OPS = ['//', '**', '==', '!=', '>=', '<=', '|', '.', '[', ']', '(', ')', '{', '}', ',', ':', '+', '-', '*', '/', '%', '~', '<', '>', '='];
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

/** Python's string literal decoding: known escapes decoded, unknown ones (`\d`) kept whole. */
function readString(src: string, start: number): [string, number] {
  const quote = src[start]!;
  let out = '';
  for (let i = start + 1; i < src.length; i++) {
    const c = src[i]!;
    if (c === quote) return [out, i + 1];
    if (c === '\\' && i + 1 < src.length) {
      const e = src[++i]!;
      out += ESCAPES[e] ?? `\\${e}`;
    } else out += c;
  }
  throw new Untranslatable('unterminated string', start);
}

/** Splits `src` into tokens, ending with an `end` token. */
export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (word) {
      tokens.push({ t: 'name', v: word[0], at: i });
      i += word[0].length;
      continue;
    }
    const num = /^\d[\d_]*(\.\d+)?([eE][+-]?\d+)?/.exec(src.slice(i));
    if (num) {
      tokens.push({ t: 'num', v: num[0], value: Number(num[0].replaceAll('_', '')), at: i });
      i += num[0].length;
      continue;
    }
    if (c === "'" || c === '"') {
      const [value, end] = readString(src, i);
      tokens.push({ t: 'str', v: src.slice(i, end), value, at: i });
      i = end;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new Untranslatable(`unexpected character ${JSON.stringify(c)}`, i);
    tokens.push({ t: 'op', v: op, at: i });
    i += op.length;
  }
  tokens.push({ t: 'end', v: '', at: src.length });
  return tokens;
}
