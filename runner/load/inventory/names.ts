// Host and group names that a terminal or a log could show as something else are refused.

// C0 and C1 controls, DEL, and the bidirectional overrides and isolates (U+202A-202E, U+2066-2069, U+200E/F).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** Why `name` cannot name a host or group, or undefined when it can. */
export function badName(kind: 'host' | 'group', name: string): string | undefined {
  if (name === '') return `a ${kind} name must not be empty`;
  const m = HIDDEN.exec(name);
  if (!m) return undefined;
  const code = `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return `${kind} name ${JSON.stringify(name)} holds a control character (${code})`;
}
