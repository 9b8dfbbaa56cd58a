// A Jinja expression as the converter reads it, and the error for what it cannot translate.

/** A parsed Jinja expression. */
export type JinjaNode =
  | { k: 'name'; name: string }
  | { k: 'lit'; value: string | number | boolean | null }
  | { k: 'list'; items: JinjaNode[] }
  | { k: 'dict'; entries: Array<[JinjaNode, JinjaNode]> }
  | { k: 'attr'; obj: JinjaNode; name: string }
  | { k: 'index'; obj: JinjaNode; key: JinjaNode }
  | { k: 'call'; fn: JinjaNode; args: JinjaNode[]; kwargs: Array<[string, JinjaNode]> }
  | { k: 'filter'; value: JinjaNode; name: string; args: JinjaNode[]; kwargs: Array<[string, JinjaNode]> }
  | { k: 'test'; value: JinjaNode; name: string; args: JinjaNode[]; negated: boolean }
  | { k: 'bin'; op: string; left: JinjaNode; right: JinjaNode }
  | { k: 'not'; value: JinjaNode }
  | { k: 'neg'; value: JinjaNode }
  | { k: 'cond'; then: JinjaNode; cond: JinjaNode; else?: JinjaNode };

/** Something the converter cannot translate; `offset` is into the expression's text. */
export class Untranslatable extends Error {
  constructor(message: string, readonly offset = 0) {
    super(message);
  }
}
