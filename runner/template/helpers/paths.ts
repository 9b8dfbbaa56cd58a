// Path helpers with Python's posixpath semantics: basename("/a/b/") is "", dirname("f") is "".

function text(value: unknown): string {
  return String(value ?? '');
}

/** Python's os.path.basename: everything after the last slash. */
export function basename(path: unknown): string {
  const p = text(path);
  return p.slice(p.lastIndexOf('/') + 1);
}

/** Python's os.path.dirname: everything before the last slash, trailing slashes dropped unless all slashes. */
export function dirname(path: unknown): string {
  const p = text(path);
  const head = p.slice(0, p.lastIndexOf('/') + 1);
  return head && !/^\/+$/.test(head) ? head.replace(/\/+$/, '') : head;
}

/** Python's os.path.splitext: [root, ".ext"]; a leading dot is not an extension. */
function splitext(path: unknown): [string, string] {
  const p = text(path);
  const base = basename(p);
  const dot = base.lastIndexOf('.');
  if (dot <= 0 || /^\.+$/.test(base.slice(0, dot + 1))) return [p, ''];
  const cut = p.length - base.length + dot;
  return [p.slice(0, cut), p.slice(cut)];
}

/** Path helpers. */
export const pathHelpers: Record<string, (...args: any[]) => unknown> = {
  basename,
  dirname,
  splitext,
};
