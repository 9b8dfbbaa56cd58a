// Variables as every layer sees them: a plain mapping of names to YAML/JSON values.

/** A set of variables (inventory, play, task, extra vars, facts). */
export type Vars = Record<string, unknown>;
