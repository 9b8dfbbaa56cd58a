// A recursive-descent parser for Jinja expressions, with Jinja's precedence: conditional
// expression < or < and < not < comparisons < + - < ~ < * / // % < unary < filters and tests
// < attribute, subscript and call.
import { type JinjaNode, Untranslatable } from './ast.js';
import { type Token, tokenize } from './lexer.js';

const COMPARE = new Set(['==', '!=', '>', '<', '>=', '<=']);
const CONSTANTS: Record<string, boolean | null> = { true: true, True: true, false: false, False: false, none: null, None: null };

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private get tok(): Token {
    return this.tokens[this.i]!;
  }
  private next(): Token {
    return this.tokens[this.i++]!;
  }
  private is(v: string, t: Token['t'] = 'op'): boolean {
    return this.tok.t === t && this.tok.v === v;
  }
  private isName(v: string): boolean {
    return this.is(v, 'name');
  }
  private expect(v: string): void {
    if (!this.is(v)) throw new Untranslatable(`expected "${v}"${this.tok.t === 'end' ? ' before the end' : ` at "${this.tok.v}"`}`, this.tok.at);
    this.i++;
  }

  parseAll(): JinjaNode {
    const node = this.expression();
    if (this.tok.t !== 'end') throw new Untranslatable(`unexpected "${this.tok.v}"`, this.tok.at);
    return node;
  }

  expression(): JinjaNode {
    const then = this.or();
    if (!this.isName('if')) return then;
    this.i++;
    const cond = this.or();
    if (!this.isName('else')) return { k: 'cond', then, cond };
    this.i++;
    return { k: 'cond', then, cond, else: this.expression() };
  }

  private or(): JinjaNode {
    let left = this.and();
    while (this.isName('or')) {
      this.i++;
      left = { k: 'bin', op: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): JinjaNode {
    let left = this.not();
    while (this.isName('and')) {
      this.i++;
      left = { k: 'bin', op: 'and', left, right: this.not() };
    }
    return left;
  }

  private not(): JinjaNode {
    if (this.isName('not')) {
      this.i++;
      return { k: 'not', value: this.not() };
    }
    return this.compare();
  }

  private compare(): JinjaNode {
    let left = this.sum();
    for (;;) {
      if (this.tok.t === 'op' && COMPARE.has(this.tok.v)) {
        const op = this.next().v;
        left = { k: 'bin', op, left, right: this.sum() };
      } else if (this.isName('in')) {
        this.i++;
        left = { k: 'bin', op: 'in', left, right: this.sum() };
      } else if (this.isName('not') && this.tokens[this.i + 1]?.v === 'in') {
        this.i += 2;
        left = { k: 'not', value: { k: 'bin', op: 'in', left, right: this.sum() } };
      } else return left;
    }
  }

  private sum(): JinjaNode {
    let left = this.concat();
    while (this.is('+') || this.is('-')) {
      const op = this.next().v;
      left = { k: 'bin', op, left, right: this.concat() };
    }
    return left;
  }

  private concat(): JinjaNode {
    let left = this.product();
    while (this.is('~')) {
      this.i++;
      left = { k: 'bin', op: '~', left, right: this.product() };
    }
    return left;
  }

  private product(): JinjaNode {
    let left = this.unary();
    while (['*', '/', '//', '%', '**'].some((o) => this.is(o))) {
      const op = this.next().v;
      left = { k: 'bin', op, left, right: this.unary() };
    }
    return left;
  }

  // As Jinja: `-3 | abs` filters the negated value (the inner unary takes no filters).
  private unary(withFilters = true): JinjaNode {
    let node: JinjaNode;
    if (this.is('-')) {
      this.i++;
      node = { k: 'neg', value: this.unary(false) };
    } else {
      if (this.is('+')) this.i++;
      node = this.postfix(this.primary());
    }
    return withFilters ? this.filters(node) : node;
  }

  /** `| filter(args)` and `is [not] test(args)` after a value. */
  private filters(value: JinjaNode): JinjaNode {
    for (;;) {
      if (this.is('|')) {
        this.i++;
        const name = this.dottedName();
        const [args, kwargs] = this.is('(') ? this.callArgs() : [[], []];
        value = { k: 'filter', value, name, args, kwargs };
      } else if (this.isName('is')) {
        this.i++;
        const negated = this.isName('not');
        if (negated) this.i++;
        const name = this.dottedName();
        let args: JinjaNode[] = [];
        if (this.is('(')) args = this.callArgs()[0];
        else if (['num', 'str'].includes(this.tok.t) || (this.tok.t === 'name' && !['and', 'or', 'else', 'if', 'is', 'not', 'in'].includes(this.tok.v))) args = [this.postfix(this.primary())];
        value = { k: 'test', value, name, args, negated };
      } else return value;
    }
  }

  private dottedName(): string {
    if (this.tok.t !== 'name') throw new Untranslatable(`expected a filter or test name at "${this.tok.v}"`, this.tok.at);
    let name = this.next().v;
    while (this.is('.') && this.tokens[this.i + 1]?.t === 'name') {
      this.i++;
      name += `.${this.next().v}`;
    }
    return name;
  }

  private callArgs(): [JinjaNode[], Array<[string, JinjaNode]>] {
    this.expect('(');
    const args: JinjaNode[] = [];
    const kwargs: Array<[string, JinjaNode]> = [];
    while (!this.is(')')) {
      if (this.tok.t === 'name' && this.tokens[this.i + 1]?.v === '=' ) {
        const key = this.next().v;
        this.i++;
        kwargs.push([key, this.expression()]);
      } else args.push(this.expression());
      if (!this.is(')')) this.expect(',');
    }
    this.i++;
    return [args, kwargs];
  }

  private postfix(node: JinjaNode): JinjaNode {
    for (;;) {
      if (this.is('.')) {
        this.i++;
        const t = this.next();
        if (t.t === 'name') node = { k: 'attr', obj: node, name: t.v };
        else if (t.t === 'num') node = { k: 'index', obj: node, key: { k: 'lit', value: t.value as number } };
        else throw new Untranslatable(`expected an attribute name after "."`, t.at);
      } else if (this.is('[')) {
        this.i++;
        if (this.isSlice()) throw new Untranslatable('slices ([a:b]) have no ferry form', this.tok.at);
        const key = this.expression();
        this.expect(']');
        node = { k: 'index', obj: node, key };
      } else if (this.is('(')) {
        const [args, kwargs] = this.callArgs();
        node = { k: 'call', fn: node, args, kwargs };
      } else return node;
    }
  }

  /** Whether the subscript starting here holds a `:` at its own depth (`x[1:]`). */
  private isSlice(): boolean {
    let depth = 0;
    for (let j = this.i; j < this.tokens.length; j++) {
      const v = this.tokens[j]!.t === 'op' ? this.tokens[j]!.v : '';
      if (v === '[' || v === '(' || v === '{') depth++;
      else if (v === ']' || v === ')' || v === '}') {
        if (depth-- === 0) return false;
      } else if (v === ':' && depth === 0) return true;
    }
    return false;
  }

  private primary(): JinjaNode {
    const t = this.next();
    if (t.t === 'num' || t.t === 'str') {
      let value = t.value!;
      // Adjacent string literals concatenate, as in Python.
      while (t.t === 'str' && this.tok.t === 'str') value = `${value}${this.next().value}`;
      return { k: 'lit', value };
    }
    if (t.t === 'name') return t.v in CONSTANTS ? { k: 'lit', value: CONSTANTS[t.v]! } : { k: 'name', name: t.v };
    if (t.v === '(') {
      const inner = this.expression();
      if (this.is(',')) throw new Untranslatable('tuples have no ferry form (use a list)', t.at);
      this.expect(')');
      return inner;
    }
    if (t.v === '[') {
      const items: JinjaNode[] = [];
      while (!this.is(']')) {
        items.push(this.expression());
        if (!this.is(']')) this.expect(',');
      }
      this.i++;
      return { k: 'list', items };
    }
    if (t.v === '{') {
      const entries: Array<[JinjaNode, JinjaNode]> = [];
      while (!this.is('}')) {
        const key = this.expression();
        this.expect(':');
        entries.push([key, this.expression()]);
        if (!this.is('}')) this.expect(',');
      }
      this.i++;
      return { k: 'dict', entries };
    }
    throw new Untranslatable(t.t === 'end' ? 'the expression ends too early' : `unexpected "${t.v}"`, t.at);
  }
}

/** Parses one Jinja expression (the inside of `{{ }}` or a `when:`); throws Untranslatable. */
export function parseJinja(src: string): JinjaNode {
  return new Parser(tokenize(src)).parseAll();
}
