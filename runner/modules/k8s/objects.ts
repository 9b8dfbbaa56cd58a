// Pure functions on plain Kubernetes objects: field lookup, merge patch, server-field stripping,
// comparison and YAML. No I/O, so check mode predicts with the same code that decides.
import { isDeepStrictEqual } from 'node:util';
import { stringify } from 'yaml';
import type { KObject } from './api.js';

/** Metadata the server sets; a copy for re-creating the object must not carry them. */
export const SERVER_METADATA = [
  'uid', 'resourceVersion', 'creationTimestamp', 'generation', 'managedFields',
  'finalizers', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds',
] as const;

/** Reads a dotted path (`status.phase`, `spec.items.0.name`); undefined when any step is missing. */
export function getField(obj: unknown, path: string): unknown {
  let cur: any = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[part];
  }
  return cur;
}

/** RFC 7386: objects merge recursively, null deletes a key, anything else (arrays too) replaces. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return structuredClone(patch);
  const out: Record<string, unknown> =
    target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as object) } : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k], v);
  }
  return out;
}

/** A copy fit for `create`: no server-set metadata, no status; the input is not touched. */
export function stripServerFields(obj: KObject): KObject {
  const out = structuredClone(obj);
  delete out.status;
  if (out.metadata && typeof out.metadata === 'object') {
    for (const f of SERVER_METADATA) delete out.metadata[f];
    // kubectl's last-applied copy holds the old spec: stale after an edit, so drop it too.
    if (out.metadata.annotations) {
      delete out.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'];
      if (Object.keys(out.metadata.annotations).length === 0) delete out.metadata.annotations;
    }
  }
  return out;
}

// Fields that move on every write without meaning a change the user asked for.
function comparable(obj: KObject | null): unknown {
  if (!obj) return null;
  const out = structuredClone(obj);
  if (out.metadata) {
    delete out.metadata.resourceVersion;
    delete out.metadata.managedFields;
    delete out.metadata.generation;
  }
  return out;
}

/** True when two versions of an object differ in anything but bookkeeping fields. */
export function objectsDiffer(before: KObject | null, after: KObject | null): boolean {
  return !isDeepStrictEqual(comparable(before), comparable(after));
}

/** YAML for diffs and backups; managedFields are noise in a diff, so `forDiff` drops them. */
export function toYaml(obj: KObject | null, forDiff = false): string {
  if (!obj) return '';
  const copy = structuredClone(obj);
  if (forDiff && copy.metadata) delete copy.metadata.managedFields;
  return stringify(copy);
}
