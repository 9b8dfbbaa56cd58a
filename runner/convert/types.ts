// What converting one file gives: the new text and what was left, with locations.

/** A Jinja form left as it was, at 1-based line and column. */
export interface Leftover {
  line: number;
  col: number;
  message: string;
}

export interface FileConversion {
  text: string;
  leftovers: Leftover[];
  /** Expressions and tags rewritten. */
  rewritten: number;
}

/** 1-based line and column of `offset` in `text`. */
export function positionOf(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, col: before.at(-1)!.length + 1 };
}
