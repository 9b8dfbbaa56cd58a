// The four calls the modules need (get, create, merge-patch, delete) on any resource: custom
// resources through CustomObjectsApi, core kinds through the generic KubernetesObjectApi
// (CustomObjectsApi builds /apis/<group>/... paths, which do not exist for the core group).
import type { K8sClient } from './client.js';
import { describeRef, type ResourceRef } from './discovery.js';
import { isNotFound, toK8sError } from './errors.js';

/** A Kubernetes object as plain JSON. */
export type KObject = Record<string, any>;

function path(ref: ResourceRef) {
  return { group: ref.group, version: ref.version, plural: ref.plural, name: ref.name };
}

function header(ref: ResourceRef): KObject {
  return { apiVersion: ref.version, kind: ref.kind, metadata: { name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) } };
}

// The generic API returns typed models (Dates and all); plain JSON keeps diffs and YAML honest.
function plain(obj: unknown): KObject {
  return JSON.parse(JSON.stringify(obj));
}

async function call<T>(ref: ResourceRef, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toK8sError(err, describeRef(ref));
  }
}

/** Reads the object; null when it does not exist. */
export async function getObject(c: K8sClient, ref: ResourceRef): Promise<KObject | null> {
  try {
    if (!ref.group) return plain(await c.objects.read(header(ref) as any));
    return ref.namespaced
      ? await c.custom.getNamespacedCustomObject({ ...path(ref), namespace: ref.namespace! })
      : await c.custom.getClusterCustomObject(path(ref));
  } catch (err) {
    if (isNotFound(err)) return null;
    throw toK8sError(err, describeRef(ref));
  }
}

/** Creates the object from `body` (which must name the same object). */
export function createObject(c: K8sClient, ref: ResourceRef, body: KObject): Promise<KObject> {
  return call(ref, async () => {
    if (!ref.group) return plain(await c.objects.create(body as any));
    const { name: _name, ...p } = path(ref);
    return ref.namespaced
      ? c.custom.createNamespacedCustomObject({ ...p, namespace: ref.namespace!, body })
      : c.custom.createClusterCustomObject({ ...p, body });
  });
}

/** Applies an RFC 7386 merge patch (the library defaults to JSON patch unless told). */
export function mergePatchObject(c: K8sClient, ref: ResourceRef, patch: KObject): Promise<KObject> {
  return call(ref, async () => {
    // Loaded here, not at start-up (see errors.ts); client.ts has it loaded already.
    const { PatchStrategy, setHeaderOptions } = await import('@kubernetes/client-node');
    const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
    if (!ref.group) {
      const body = { ...patch, ...header(ref), metadata: { ...patch.metadata, ...header(ref).metadata } };
      return plain(await c.objects.patch(body as any, undefined, undefined, undefined, undefined, PatchStrategy.MergePatch));
    }
    return ref.namespaced
      ? c.custom.patchNamespacedCustomObject({ ...path(ref), namespace: ref.namespace!, body: patch }, merge)
      : c.custom.patchClusterCustomObject({ ...path(ref), body: patch }, merge);
  });
}

/** Asks for deletion; finalizers may keep the object for a while after this returns. */
export function deleteObject(c: K8sClient, ref: ResourceRef): Promise<unknown> {
  return call(ref, async () => {
    if (!ref.group) return c.objects.delete(header(ref) as any);
    return ref.namespaced
      ? c.custom.deleteNamespacedCustomObject({ ...path(ref), namespace: ref.namespace! })
      : c.custom.deleteClusterCustomObject(path(ref));
  });
}
