// The `k8s` module's arguments: the schema, and the type derived from it.
import type { ArgsOf } from '../types.js';

/** Client selection shared by k8s and storageos_cluster. */
export const connectionProperties = {
  kubeconfig: { type: 'string', description: 'kubeconfig path; default $KUBECONFIG, ~/.kube/config, in-cluster' },
  context: { type: 'string', description: 'context to use instead of the current one' },
  wait_timeout: { type: 'number', minimum: 0, description: 'seconds to wait (deletion, conditions); default 120' },
  wait_sleep: { type: 'number', exclusiveMinimum: 0, description: 'seconds between polls; default 1' },
} as const;

/** JSON Schema of the k8s module's arguments. */
export const k8sArgsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    api_version: { type: 'string' },
    kind: { type: 'string' },
    name: { type: 'string' },
    namespace: { type: 'string' },
    plural: { type: 'string' },
    state: { enum: ['get', 'present', 'absent', 'patch'] },
    definition: { type: 'object' },
    src: { type: 'string' },
    patch: { type: 'object' },
    wait_for: {
      type: 'object',
      additionalProperties: false,
      required: ['field'],
      properties: { field: { type: 'string' }, equals: {}, in: { type: 'array' } },
    },
    ...connectionProperties,
  },
} as const;

/** What the `k8s` module accepts; the Kubernetes objects are read as loosely typed JSON. */
export type K8sArgs = Omit<ArgsOf<typeof k8sArgsSchema>, 'definition' | 'patch'> & { definition?: Record<string, any>; patch?: Record<string, any> };

/** Default timing, in seconds. */
export const DEFAULT_WAIT = { timeout: 120, sleep: 1 };
