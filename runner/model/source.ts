// Where a node of the user's input came from; shared by every layer for `file:line:col` messages.

/** A position in an input file (1-based line and column). */
export interface SourceRef {
  file: string;
  line: number;
  col: number;
}
