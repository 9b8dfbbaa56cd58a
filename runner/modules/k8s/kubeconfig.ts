// Where credentials come from, in kubectl's order: the `kubeconfig` argument, $KUBECONFIG,
// ~/.kube/config, then in-cluster service-account credentials. Parsing, client certificates,
// tokens, exec plugins and CA bundles are left to @kubernetes/client-node, as kubectl does.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';

/** Which kubeconfig and context to use; `source` says where it came from, for messages. */
export interface KubeconfigChoice {
  kubeconfig?: string;
  context?: string;
}

/** Inputs that vary between machines, injectable for tests. */
export interface KubeconfigEnv {
  env: NodeJS.ProcessEnv;
  home: string;
  baseDir: string;
  /** Prefix for the service-account files (tests); '' on a real pod. */
  inClusterPathPrefix?: string;
}

/** The defaults of the machine ferry runs on. */
export function processKubeconfigEnv(baseDir: string): KubeconfigEnv {
  return { env: process.env, home: homedir(), baseDir };
}

function expand(path: string, env: KubeconfigEnv): string {
  if (path === '~' || path.startsWith('~/')) return join(env.home, path.slice(1));
  return isAbsolute(path) ? path : resolve(env.baseDir, path);
}

/** Loads a KubeConfig and selects the context; throws an Error naming the file and context. */
export function loadKubeConfig(choice: KubeconfigChoice, env: KubeconfigEnv): { kc: KubeConfig; source: string } {
  const kc = new KubeConfig();
  let source: string;
  const fromEnv = (env.env.KUBECONFIG ?? '').split(delimiter).filter(Boolean);
  if (choice.kubeconfig) {
    source = expand(choice.kubeconfig, env);
    if (!existsSync(source)) throw new Error(`kubeconfig ${source} does not exist`);
    kc.loadFromFile(source);
  } else if (fromEnv.length > 0) {
    // Like kubectl: several files merge, the first one wins on conflicts.
    source = fromEnv.join(delimiter);
    kc.loadFromFile(fromEnv[0]);
    for (const file of fromEnv.slice(1)) {
      const more = new KubeConfig();
      more.loadFromFile(file);
      kc.mergeConfig(more, true);
    }
  } else if (existsSync(join(env.home, '.kube', 'config'))) {
    source = join(env.home, '.kube', 'config');
    kc.loadFromFile(source);
  } else if (env.env.KUBERNETES_SERVICE_HOST) {
    source = 'in-cluster service account';
    kc.loadFromCluster(env.inClusterPathPrefix ?? '');
  } else {
    throw new Error('no kubeconfig: give `kubeconfig`, set KUBECONFIG, create ~/.kube/config, or run in a pod');
  }
  if (choice.context) {
    if (!kc.getContextObject(choice.context)) {
      const known = kc.getContexts().map((c) => c.name).join(', ') || 'none';
      throw new Error(`context "${choice.context}" is not in ${source} (contexts: ${known})`);
    }
    kc.setCurrentContext(choice.context);
  }
  if (!kc.getCurrentCluster()) throw new Error(`${source}: the current context names no cluster`);
  return { kc, source };
}
