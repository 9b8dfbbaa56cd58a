// Redaction, applied to every event before any renderer sees it:
// - results of `no_log` tasks (and their output, progress and loop items) are replaced by a notice;
// - secret values are masked wherever they appear: the become password, and the string values of
//   vars named in the `secret_vars` list or whose names end in `_password`, `_token` or `_secret`.
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

/** Adds the values of `vars`' secret vars (string leaves, deep) to `out`. */
export function collectSecrets(vars: Record<string, unknown>, out: Set<string>): void {
  const listed = new Set(Array.isArray(vars.secret_vars) ? vars.secret_vars.map(String) : []);
  for (const [name, value] of Object.entries(vars)) {
    if (isSecretName(name, listed)) addSecret(value, out);
  }
}

/** Adds a value (string leaves, deep) to the secrets to mask. */
export function addSecret(value: unknown, out: Set<string>): void {
  if (typeof value === 'string') {
    if (value.length >= MIN_SECRET_LENGTH) out.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) addSecret(v, out);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) addSecret(v, out);
  }
}

/** A copy of the event that is safe to show: no_log content censored, secrets masked. */
export function redactEvent(event: FerryEvent, secrets: ReadonlySet<string>): FerryEvent {
  const censored = censor(event);
  return secrets.size === 0 ? censored : (mask(censored, [...secrets].sort((a, b) => b.length - a.length)) as FerryEvent);
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
