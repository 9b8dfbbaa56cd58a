// STAND-IN: the verbs of the custom-objects (and core) endpoints on the object store.
import { applyMergePatch } from './merge-patch.js';
import type { ResourceType } from './resources.js';
import { alreadyExists, conflict, invalid, notFound, statusFailure, type StatusBody } from './status.js';
import type { Obj, ObjectStore } from './store.js';

/** An HTTP answer: status code and JSON body. */
export interface Reply {
  code: number;
  body: unknown;
}

/** Server-owned metadata a client write cannot change. */
const SERVER_META = ['uid', 'creationTimestamp', 'resourceVersion', 'generation', 'deletionTimestamp', 'managedFields'];

function validate(t: ResourceType, obj: Obj): StatusBody | undefined {
  if (!obj?.metadata?.name) return statusFailure(422, 'Invalid', `${t.kind} "" is invalid: metadata.name: Required value: name or generateName is required`);
  if (t.plural === 'storageosclusters') {
    const address = obj.spec?.kvBackend?.address;
    if (typeof address !== 'string' || address === '') {
      return invalid(t.kind, t.group, obj.metadata.name, 'spec.kvBackend.address', 'Required value');
    }
  }
  return undefined;
}

function ok(code: number, body: unknown): Reply {
  return { code, body };
}

function fail(s: StatusBody): Reply {
  return { code: s.code, body: s };
}

/** GET: one object, or a list when no name is given. */
export function handleGet(store: ObjectStore, t: ResourceType, ns: string | undefined, name?: string): Reply {
  if (name === undefined) {
    const items = store.list(t, ns);
    return ok(200, { apiVersion: t.group ? `${t.group}/${t.version}` : t.version, kind: `${t.kind}List`, metadata: { resourceVersion: store.nextVersion() }, items });
  }
  const obj = store.get(t, ns, name);
  return obj ? ok(200, obj) : fail(notFound(t.plural, t.group, name));
}

/** POST: create, refusing a name that exists (even one still terminating). */
export function handlePost(store: ObjectStore, t: ResourceType, ns: string | undefined, body: Obj): Reply {
  const bad = validate(t, body);
  if (bad) return fail(bad);
  const existing = store.get(t, ns, body.metadata.name);
  if (existing) return fail(alreadyExists(t.plural, t.group, body.metadata.name, !!existing.metadata.deletionTimestamp));
  if (body.metadata.resourceVersion) {
    return fail(statusFailure(422, 'Invalid', `${t.kind} "${body.metadata.name}" is invalid: metadata.resourceVersion: Invalid value: must be empty on create`));
  }
  return ok(201, store.create(t, ns, body));
}

function keepServerFields(prev: Obj, next: Obj): Obj {
  const out = structuredClone(next);
  out.metadata = { ...out.metadata };
  for (const f of SERVER_META) {
    if (prev.metadata[f] === undefined) delete out.metadata[f];
    else out.metadata[f] = prev.metadata[f];
  }
  // The status subresource is enabled: writes to the main resource leave status alone.
  if (prev.status === undefined) delete out.status;
  else out.status = prev.status;
  return out;
}

/** PUT: replace, with optimistic concurrency on metadata.resourceVersion. */
export function handlePut(store: ObjectStore, t: ResourceType, ns: string | undefined, name: string, body: Obj): Reply {
  const prev = store.get(t, ns, name);
  if (!prev) return fail(notFound(t.plural, t.group, name));
  if (body.metadata?.resourceVersion && body.metadata.resourceVersion !== prev.metadata.resourceVersion) {
    return fail(conflict(t.plural, t.group, name));
  }
  const next = keepServerFields(prev, body);
  const bad = validate(t, next);
  if (bad) return fail(bad);
  return ok(200, store.replace(t, ns, name, next));
}

/** PATCH: only application/merge-patch+json; other patch types are refused as a real CRD would for strategic merge. */
export function handlePatch(store: ObjectStore, t: ResourceType, ns: string | undefined, name: string, body: Obj, contentType: string): Reply {
  if (!contentType.startsWith('application/merge-patch+json')) {
    return fail(statusFailure(415, 'UnsupportedMediaType', `the stand-in only accepts merge patches, got ${contentType}`));
  }
  const prev = store.get(t, ns, name);
  if (!prev) return fail(notFound(t.plural, t.group, name));
  const next = keepServerFields(prev, applyMergePatch(prev, body) as Obj);
  const bad = validate(t, next);
  if (bad) return fail(bad);
  return ok(200, store.replace(t, ns, name, next));
}

/** DELETE: 200 with the object while a finalizer holds it, a success Status once gone. */
export function handleDelete(store: ObjectStore, t: ResourceType, ns: string | undefined, name: string): Reply {
  if (!store.get(t, ns, name)) return fail(notFound(t.plural, t.group, name));
  const { obj, gone } = store.delete(t, ns, name);
  if (!gone) return ok(200, obj);
  return ok(200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name, group: t.group, kind: t.plural, uid: obj.metadata.uid } });
}
