// INI inventory values as Ansible types them: Python's ast.literal_eval, and the text itself when
// that fails (`x=5` is 5, `x=True` is true, `x=[1,2]` a list, `x=yes` the string "yes").

/** The value of `text` as a Python literal, or `text` unchanged if it is not one. */
export function pythonLiteral(text: string): unknown {
  try {
    const p = new LiteralParser(text);
    const value = p.topLevel();
    return value;
  } catch {
    return text;
  }
}

const NUMBER = /^(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:\d(?:_?\d)*)?\.\d(?:_?\d)*(?:[eE][+-]?\d(?:_?\d)*)?|\d(?:_?\d)*\.?(?:[eE][+-]?\d(?:_?\d)*)?)(?![\w.])/;
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0', '\n': '' };

class LiteralParser {
  private i = 0;
  private depth = 0;
  constructor(private readonly s: string) {}

  topLevel(): unknown {
    // Python's literal_eval reads `1, 2` as a tuple; leading blanks are an IndentationError.
    if (/^\s/.test(this.s)) throw new Error('indent');
    const first = this.value();
    this.ws();
    if (this.s[this.i] === ',') {
      const items = [first];
      while (this.eat(',')) {
        this.ws();
        if (this.i >= this.s.length) break;
        items.push(this.value());
        this.ws();
      }
      this.end();
      return items;
    }
    this.end();
    return first;
  }

  private end(): void {
    this.ws();
    if (this.i !== this.s.length) throw new Error('trailing text');
  }

  private ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
  }

  private eat(c: string): boolean {
    if (this.s[this.i] !== c) return false;
    this.i++;
    return true;
  }

  private value(): unknown {
    this.ws();
    if (++this.depth > 100) throw new Error('too deep');
    const c = this.s[this.i];
    let v: unknown;
    if (c === '[') v = this.sequence('[', ']');
    else if (c === '(') v = this.sequence('(', ')');
    else if (c === '{') v = this.dict();
    else if (c === '-' || c === '+') {
      this.i++;
      this.ws();
      const n = this.number();
      v = c === '-' ? -n : n;
    } else if (/[0-9.]/.test(c ?? '')) v = this.number();
    else v = this.wordOrString();
    this.depth--;
    return v;
  }

  private sequence(open: string, close: string): unknown[] {
    this.eat(open);
    const items: unknown[] = [];
    this.ws();
    let comma = true;
    while (!this.eat(close)) {
      if (!comma || this.i >= this.s.length) throw new Error('bad sequence');
      items.push(this.value());
      this.ws();
      comma = this.eat(',');
      this.ws();
    }
    // `(1)` is 1, not a tuple.
    if (open === '(' && items.length === 1 && !comma) return items[0] as unknown[];
    return items;
  }

  private dict(): Record<string, unknown> {
    this.eat('{');
    const out: Record<string, unknown> = {};
    this.ws();
    let comma = true;
    while (!this.eat('}')) {
      if (!comma || this.i >= this.s.length) throw new Error('bad dict');
      const key = this.value();
      this.ws();
      if (!this.eat(':')) throw new Error('set literals are not read'); // a set has no JSON form
      out[String(key)] = this.value();
      this.ws();
      comma = this.eat(',');
      this.ws();
    }
    return out;
  }

  private number(): number {
    const m = NUMBER.exec(this.s.slice(this.i));
    if (!m) throw new Error('not a number');
    this.i += m[0].length;
    const t = m[0].replace(/_/g, '');
    if (/^0[xob]/i.test(t)) return Number(t.toLowerCase());
    if (/^0\d+$/.test(t) && !/^0+$/.test(t)) throw new Error('leading zeros'); // Python 3 refuses 0777
    return Number(t);
  }

  private wordOrString(): unknown {
    const word = /^[A-Za-z_]\w*/.exec(this.s.slice(this.i))?.[0] ?? '';
    const quote = this.s[this.i + word.length];
    if (word && !(quote === "'" || quote === '"')) {
      this.i += word.length;
      if (word === 'True') return true;
      if (word === 'False') return false;
      if (word === 'None') return null;
      throw new Error('a name is not a literal');
    }
    if (!/^(|[rRuUbB]|[rR][bB]|[bB][rR])$/.test(word)) throw new Error('bad string prefix');
    this.i += word.length;
    let out = this.string(/r/i.test(word));
    // Adjacent literals concatenate: 'a' "b" is 'ab'.
    for (;;) {
      const save = this.i;
      this.ws();
      if (this.s[this.i] !== "'" && this.s[this.i] !== '"') {
        this.i = save;
        return out;
      }
      out += this.string(false);
    }
  }

  private string(raw: boolean): string {
    const q = this.s[this.i];
    if (q !== "'" && q !== '"') throw new Error('not a string');
    const triple = this.s.startsWith(q.repeat(3), this.i);
    const delim = triple ? q.repeat(3) : q;
    this.i += delim.length;
    let out = '';
    for (;;) {
      if (this.i >= this.s.length) throw new Error('unterminated string');
      if (this.s.startsWith(delim, this.i)) {
        this.i += delim.length;
        return out;
      }
      const c = this.s[this.i++];
      if (c === '\n' && !triple) throw new Error('newline in string');
      if (c !== '\\') out += c;
      else if (raw) out += c + (this.s[this.i++] ?? '');
      else out += this.escape();
    }
  }

  private escape(): string {
    const c = this.s[this.i++] ?? '';
    if (c in ESCAPES && c !== '0') return ESCAPES[c];
    const hex = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
    if (hex) {
      const h = this.s.slice(this.i, this.i + hex);
      if (!new RegExp(`^[0-9a-fA-F]{${hex}}$`).test(h)) throw new Error('bad escape');
      this.i += hex;
      return String.fromCodePoint(parseInt(h, 16));
    }
    const oct = /^[0-7]{1,3}/.exec(this.s.slice(this.i - 1))?.[0];
    if (oct) {
      this.i += oct.length - 1;
      return String.fromCodePoint(parseInt(oct, 8));
    }
    return `\\${c}`; // Python keeps unknown escapes as they are
  }
}
