// Maps (apiVersion, kind) to the REST plural and scope through API discovery, as kubectl does;
// guessing plurals ("policys") is wrong often enough not to try.
import type { V1APIResourceList } from '@kubernetes/client-node';
import type { K8sClient } from './client.js';
import { K8sError, toK8sError } from './errors.js';

/** Where an object lives in the REST API. */
export interface ResourceRef {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  name: string;
  namespace?: string;
}

/** Splits `storageos.com/v1` into group and version; `v1` is the core group. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.lastIndexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

/** The APIResourceList for a group/version, fetched once per client. */
export function discover(client: K8sClient, group: string, version: string): Promise<V1APIResourceList> {
  const key = `${group}/${version}`;
  let list = client.discovery.get(key);
  if (!list) {
    list = group ? client.custom.getAPIResources({ group, version }) : client.core.getAPIResources();
    // A failed lookup must not stick: the next task may find the CRD installed.
    list.catch(() => client.discovery.delete(key));
    client.discovery.set(key, list);
  }
  return list;
}

/** Resolves the plural and scope; an explicit `plural` skips discovery (scope from `namespace`). */
export async function resolveResource(
  client: K8sClient,
  a: { apiVersion: string; kind: string; name: string; namespace?: string; plural?: string },
): Promise<ResourceRef> {
  const { group, version } = splitApiVersion(a.apiVersion);
  const base = { group, version, kind: a.kind, name: a.name };
  if (a.plural) return { ...base, plural: a.plural, namespaced: a.namespace !== undefined, namespace: a.namespace };
  const list = await discover(client, group, version).catch((err) => {
    throw toK8sError(err, describeRef(a));
  });
  const found = list.resources.find((r) => r.kind === a.kind && !r.name.includes('/'));
  if (!found) {
    const kinds = list.resources.filter((r) => !r.name.includes('/')).map((r) => r.kind).join(', ');
    throw new K8sError(`k8s: ${describeRef(a)}: kind ${a.kind} is not served by ${a.apiVersion} (it serves: ${kinds || 'nothing'})`, 404, 'NotFound');
  }
  if (found.namespaced && !a.namespace) throw new K8sError(`k8s: ${describeRef(a)}: ${a.kind} is namespaced: give \`namespace\``, 0, 'Invalid');
  return { ...base, plural: found.name, namespaced: found.namespaced, namespace: found.namespaced ? a.namespace : undefined };
}

/** `StorageOSCluster storageos/cluster-1`, for messages. */
export function describeRef(ref: Pick<ResourceRef, 'kind' | 'name' | 'namespace'>): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

/** `StorageOSCluster/storageos/cluster-1`, the diff path. */
export function diffPath(ref: Pick<ResourceRef, 'kind' | 'name' | 'namespace'>): string {
  return [ref.kind, ref.namespace, ref.name].filter(Boolean).join('/');
}
