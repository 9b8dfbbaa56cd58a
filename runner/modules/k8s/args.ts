// The `k8s` module's arguments: schema (for the loader's ajv) and type, kept side by side.
import type { ArgsSchema } from '../types.js';
import type { FieldCondition } from './wait.js';

/** What the `k8s` module accepts. */
export interface K8sArgs {
  api_version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  plural?: string;
  state?: 'get' | 'present' | 'absent' | 'patch';
  definition?: Record<string, any>;
  src?: string;
  patch?: Record<string, any>;
  wait_for?: FieldCondition;
  wait_timeout?: number;
  wait_sleep?: number;
  kubeconfig?: string;
  context?: string;
}

/** Client selection shared by k8s and storageos_cluster. */
export const connectionProperties = {
  kubeconfig: { type: 'string', description: 'kubeconfig path; default $KUBECONFIG, ~/.kube/config, in-cluster' },
  context: { type: 'string', description: 'context to use instead of the current one' },
  wait_timeout: { type: 'number', minimum: 0, description: 'seconds to wait (deletion, conditions); default 120' },
  wait_sleep: { type: 'number', exclusiveMinimum: 0, description: 'seconds between polls; default 1' },
} as const;

/** JSON Schema of K8sArgs. */
export const k8sArgsSchema: ArgsSchema = {
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
};

/** Default timing, in seconds. */
export const DEFAULT_WAIT = { timeout: 120, sleep: 1 };
