// The Handlebars side of the converter: a small expression tree and its text.

/** A Handlebars expression: a path or literal as text, or a helper call. */
export type Hbs = { h: 'atom'; text: string; bool?: boolean } | { h: 'call'; name: string; params: Hbs[]; hash: Array<[string, Hbs]>; bool?: boolean };

/** How string literals are quoted: `'` inside a YAML double-quoted scalar, `"` elsewhere. */
export interface EmitStyle {
  quote: '"' | "'";
}

/** A helper call. `bool` marks calls known to give true/false. */
export function call(name: string, params: Hbs[], hash: Array<[string, Hbs]> = [], bool = false): Hbs {
  return { h: 'call', name, params, hash, bool };
}

/** A path or literal, written as is. */
export function atom(text: string, bool = false): Hbs {
  return { h: 'atom', text, bool };
}

/** A string literal in the style's quotes (the other quote if the value ends in a backslash). */
export function str(value: string, style: EmitStyle): Hbs {
  const q = value.endsWith('\\') ? (style.quote === '"' ? "'" : '"') : style.quote;
  return atom(`${q}${value.replaceAll(q, `\\${q}`)}${q}`);
}

/** The text of `e`; `top` leaves a call unparenthesised (directly inside `{{ }}` or a bare condition). */
export function text(e: Hbs, top = false): string {
  if (e.h === 'atom') return e.text;
  const inner = [e.name, ...e.params.map((p) => text(p)), ...e.hash.map(([k, v]) => `${k}=${text(v)}`)].join(' ');
  return top ? inner : `(${inner})`;
}
