// STAND-IN: the resource types the stand-in API server knows, and its discovery documents.

/** One served resource type. */
export interface ResourceType {
  group: string;
  version: string;
  plural: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
}

/** Served types: the StorageOS CRD, two core kinds, and a cluster-scoped kind with an irregular plural. */
export const RESOURCE_TYPES: ResourceType[] = [
  { group: 'storageos.com', version: 'v1', plural: 'storageosclusters', kind: 'StorageOSCluster', namespaced: true, shortNames: ['stos'] },
  { group: '', version: 'v1', plural: 'configmaps', kind: 'ConfigMap', namespaced: true, shortNames: ['cm'] },
  { group: '', version: 'v1', plural: 'namespaces', kind: 'Namespace', namespaced: false, shortNames: ['ns'] },
  // "policies", not "policys": a kind → plural guess would get this wrong; discovery does not.
  { group: 'ferry.test', version: 'v1', plural: 'policies', kind: 'Policy', namespaced: false },
];

const VERBS = ['create', 'delete', 'get', 'list', 'patch', 'update'];

/** The APIResourceList for one group/version ('' group = core /api/v1). */
export function apiResourceList(group: string, version: string): unknown | undefined {
  const types = RESOURCE_TYPES.filter((t) => t.group === group && t.version === version);
  if (types.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources: types.map((t) => ({
      name: t.plural, singularName: t.kind.toLowerCase(), namespaced: t.namespaced, kind: t.kind, verbs: VERBS,
      ...(t.shortNames ? { shortNames: t.shortNames } : {}),
    })),
  };
}

/** The APIGroupList served at /apis. */
export function apiGroupList(): unknown {
  const groups = [...new Set(RESOURCE_TYPES.filter((t) => t.group).map((t) => `${t.group}/${t.version}`))];
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups.map((gv) => {
      const [name, version] = gv.split('/');
      const v = { groupVersion: gv, version };
      return { name, versions: [v], preferredVersion: v };
    }),
  };
}

/** Finds a served type by group, version and plural. */
export function findType(group: string, version: string, plural: string): ResourceType | undefined {
  return RESOURCE_TYPES.find((t) => t.group === group && t.version === version && t.plural === plural);
}
