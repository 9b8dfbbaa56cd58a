// Comparison and logic helpers for conditions: `eq a b`, `and x y`, `not (eq a 1)`.
import { truthy } from '../truthy.js';

type Helper = (...args: any[]) => unknown;

/** Comparisons; `eq`/`ne` are strict equality (no "1" == 1 surprises). */
export const comparisonHelpers: Record<string, Helper> = {
  eq: (a: unknown, b: unknown) => a === b,
  ne: (a: unknown, b: unknown) => a !== b,
  gt: (a: any, b: any) => a > b,
  lt: (a: any, b: any) => a < b,
  gte: (a: any, b: any) => a >= b,
  lte: (a: any, b: any) => a <= b,
};

/** Logic over ferry truthiness; they accept undefined operands, like `{{#if}}`. */
export const logicHelpers: Record<string, Helper> = {
  and: (...args: unknown[]) => args.every(truthy),
  or: (...args: unknown[]) => args.some(truthy),
  not: (a: unknown) => !truthy(a),
};
