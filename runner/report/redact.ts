// Redaction, applied to every event before any renderer sees it:
// - results of `no_log` tasks (and their output, progress and loop items) are replaced by a notice;
// - secret values are masked wherever they appear: the become password, and the string values of
//   vars named in the `secret_vars` list or whose names end in `_password`, `_token` or `_secret`
//   (at any depth: `nested.inner_password`), also as the template helpers transform them
//   (shell-quoted, JSON-escaped, base64, upper and lower case), and across output chunks;
// - the password of a URL (`https://user:pw@host/`, `etcd://root:pw@…`) is masked in every event,
//   whatever var (or none) it came from, as curl and git do.
// Values shorter than 4 characters are not masked (masking "1" or "on" everywhere would garble output).
import type { FerryEvent } from './events.js';

/** What a masked secret looks like in output. */
export const MASK = '********';
/** What a no_log result says instead of its content. */
export const CENSORED = 'the output has been hidden due to no_log: true';

const SECRET_SUFFIXES = ['_password', '_token', '_secret'];
const MIN_SECRET_LENGTH = 4;

/** Whether a var of this name holds a secret. */
export function isSecretName(name: string, listed: ReadonlySet<string>): boolean {
  return listed.has(name) || SECRET_SUFFIXES.some((s) => name.endsWith(s));
}

/** Adds the values of `vars`' secret vars (string leaves, deep) to `out`; secret names are looked
 * for inside mappings and lists too (`nested.inner_password`). */
export function collectSecrets(vars: Record<string, unknown>, out: Set<string>, listed?: ReadonlySet<string>, seen = new WeakSet<object>()): void {
  const names = listed ?? new Set(Array.isArray(vars.secret_vars) ? vars.secret_vars.map(String) : []);
  if (seen.has(vars)) return;
  seen.add(vars);
  for (const [name, value] of Object.entries(vars)) {
    if (isSecretName(name, names)) addSecret(value, out);
    else if (value && typeof value === 'object') collectSecrets(value as Record<string, unknown>, out, names, seen);
  }
}

/** The forms a secret takes in output besides itself: what shq, json, b64, upper and lower make of it. */
export function secretForms(secret: string): string[] {
  return [
    secret,
    `'${secret.replace(/'/g, `'\\''`)}'`,
    JSON.stringify(secret).slice(1, -1),
    Buffer.from(secret, 'utf8').toString('base64'),
    secret.toUpperCase(),
    secret.toLowerCase(),
  ];
}

/** Adds a value (string leaves, deep, in every form of secretForms) to the secrets to mask. */
export function addSecret(value: unknown, out: Set<string>): void {
  if (typeof value === 'string') {
    if (value.length >= MIN_SECRET_LENGTH) for (const form of secretForms(value)) out.add(form);
  } else if (Array.isArray(value)) {
    for (const v of value) addSecret(v, out);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) addSecret(v, out);
  }
}

/** A copy of the event that is safe to show: no_log content censored, secrets and URL passwords masked. */
export function redactEvent(event: FerryEvent, secrets: ReadonlySet<string>): FerryEvent {
  const censored = censor(event);
  const masked = secrets.size === 0 ? censored : (mask(censored, [...secrets].sort((a, b) => b.length - a.length)) as FerryEvent);
  return maskUrlPasswords(masked) as FerryEvent;
}

/** `scheme://user:password@`: the password is what ends at the last `@` before the host. */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*):([^\s/?#]*)@/gi;

/** `value` with every URL's password masked; the same object when there was none (the usual case). */
export function maskUrlPasswords(value: unknown, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return value.includes('://') ? value.replace(URL_PASSWORD, (_, head: string, pw: string) => (pw === MASK || pw === '' ? `${head}:${pw}@` : `${head}:${MASK}@`)) : value;
  if (!value || typeof value !== 'object' || seen.has(value)) return value;
  seen.add(value);
  let changed = false;
  const entries = Object.entries(value).map(([k, v]) => {
    const m = maskUrlPasswords(v, seen);
    if (m !== v) changed = true;
    return [k, m] as const;
  });
  seen.delete(value);
  if (!changed) return value;
  return Array.isArray(value) ? entries.map(([, v]) => v) : Object.fromEntries(entries);
}

function censor(event: FerryEvent): FerryEvent {
  if (!('noLog' in event) || !event.noLog) return event;
  switch (event.kind) {
    case 'host_result': {
      const { changed, failed } = event.result;
      const result = { changed, failed, ...(event.result.skipped ? { skipped: true } : {}), msg: CENSORED, censored: true };
      return { ...event, result, ...('item' in event ? { item: '(censored)' } : {}) };
    }
    case 'output':
      return { ...event, text: '' };
    case 'progress':
      return { ...event, msg: CENSORED };
    case 'retry':
      return { ...event, msg: undefined };
    default:
      return event;
  }
}

// Deep copy with every occurrence of every secret replaced; cycles (hostvars) are cut.
function mask(value: unknown, secrets: string[], seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') {
    let out = value;
    for (const s of secrets) if (out.includes(s)) out = out.split(s).join(MASK);
    return out;
  }
  if (!value || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  const out = Array.isArray(value)
    ? value.map((v) => mask(v, secrets, seen))
    : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mask(v, secrets, seen)]));
  seen.delete(value);
  return out;
}

/** Redacts events in order, holding back the end of an output chunk while it could be the start of a
 * secret that the next chunk completes (`Hunter2-` then `db-pw`); the held text is released, masked,
 * with the next chunk of the same stream or before any other event of that host and task. */
export function createRedactor(secrets: ReadonlySet<string>): (event: FerryEvent) => FerryEvent[] {
  const held = new Map<string, Extract<FerryEvent, { kind: 'output' }>>();
  const flush = (host: string, task: string): FerryEvent[] => {
    const out: FerryEvent[] = [];
    for (const [key, pending] of held) {
      if (pending.host !== host || pending.task !== task) continue;
      held.delete(key);
      out.push(redactEvent(pending, secrets));
    }
    return out;
  };
  return (event) => {
    const host = 'host' in event && typeof event.host === 'string' ? event.host : undefined;
    const task = 'task' in event && typeof event.task === 'string' ? event.task : undefined;
    if (event.kind !== 'output' || event.noLog || secrets.size === 0) {
      return host !== undefined && task !== undefined ? [...flush(host, task), redactEvent(event, secrets)] : [...flushAll(), redactEvent(event, secrets)];
    }
    const key = `${event.host}\0${event.task}\0${event.stream}`;
    const text = (held.get(key)?.text ?? '') + event.text;
    const keep = heldBack(text, secrets);
    held.delete(key);
    if (keep > 0) held.set(key, { ...event, text: text.slice(text.length - keep) });
    return keep === text.length ? [] : [redactEvent({ ...event, text: text.slice(0, text.length - keep) }, secrets)];
  };
  function flushAll(): FerryEvent[] {
    const out = [...held.values()].map((e) => redactEvent(e, secrets));
    held.clear();
    return out;
  }
}

/** How many characters at the end of `text` start a secret without completing it. */
function heldBack(text: string, secrets: ReadonlySet<string>): number {
  let keep = 0;
  for (const s of secrets) {
    for (let n = Math.min(s.length - 1, text.length); n > keep; n--) {
      if (text.endsWith(s.slice(0, n))) {
        keep = n;
        break;
      }
    }
  }
  return keep;
}

/** A copy of vars (deep) with the value of every secret-named key replaced by MASK, for printing
 * vars themselves (`ferry inventory`); `secret_vars` lists found anywhere apply to the whole copy. */
export function maskSecretVars(value: Record<string, unknown>): Record<string, unknown> {
  const listed = new Set<string>();
  const findLists = (v: unknown): void => {
    if (!v || typeof v !== 'object') return;
    const rec = v as Record<string, unknown>;
    if (Array.isArray(rec.secret_vars)) for (const n of rec.secret_vars) listed.add(String(n));
    for (const child of Object.values(rec)) findLists(child);
  };
  findLists(value);
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!v || typeof v !== 'object') return v;
    return Object.fromEntries(Object.entries(v).map(([k, child]) => [k, isSecretName(k, listed) && child !== null && child !== '' ? MASK : walk(child)]));
  };
  return maskUrlPasswords(walk(value)) as Record<string, unknown>;
}
