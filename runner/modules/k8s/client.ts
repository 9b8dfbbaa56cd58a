// One API client per (kubeconfig, context), kept for the whole run in ctx.resources, with its
// discovery cache, so a playbook with many k8s tasks loads credentials and discovers once.
import { CoreV1Api, CustomObjectsApi, KubernetesObjectApi, type KubeConfig, type V1APIResourceList } from '@kubernetes/client-node';
import type { ModuleContext } from '../types.js';
import { loadKubeConfig, processKubeconfigEnv, type KubeconfigChoice, type KubeconfigEnv } from './kubeconfig.js';

/** The library's API objects for one cluster, plus a discovery cache keyed by group/version. */
export interface K8sClient {
  kc: KubeConfig;
  /** Where the credentials came from (file path or "in-cluster service account"). */
  source: string;
  custom: CustomObjectsApi;
  core: CoreV1Api;
  objects: KubernetesObjectApi;
  discovery: Map<string, Promise<V1APIResourceList>>;
}

/** Builds a client from a loaded KubeConfig. */
export function makeClient(kc: KubeConfig, source: string): K8sClient {
  return {
    kc,
    source,
    custom: kc.makeApiClient(CustomObjectsApi),
    core: kc.makeApiClient(CoreV1Api),
    objects: KubernetesObjectApi.makeApiClient(kc),
    discovery: new Map(),
  };
}

/** The client for these arguments, created once per run and shared between tasks. */
export async function clientFor(ctx: ModuleContext, choice: KubeconfigChoice, env?: KubeconfigEnv): Promise<K8sClient> {
  const key = `k8s:${choice.kubeconfig ?? ''}:${choice.context ?? ''}`;
  return ctx.resources.get(
    key,
    async () => {
      const { kc, source } = loadKubeConfig(choice, env ?? processKubeconfigEnv(ctx.baseDir));
      return makeClient(kc, source);
    },
    // Nothing to close: the library opens connections per request.
    () => undefined,
  );
}
