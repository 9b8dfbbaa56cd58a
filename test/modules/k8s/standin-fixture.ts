// Starts a fresh STAND-IN API server (not Kubernetes) and a real kubeconfig for it per test.
import { K8sStandIn, type StandInOptions } from '../../k8s-standin/server.js';
import { writeKubeconfig } from '../../k8s-standin/kubeconfig.js';

/** The stand-in and the path of a kubeconfig pointing at it. */
export interface StandInFixture {
  server: K8sStandIn;
  kubeconfig: string;
}

/** Starts the stand-in; call `server.stop()` in afterEach. */
export async function startStandIn(options: StandInOptions = {}): Promise<StandInFixture> {
  const server = await new K8sStandIn({ deleteDelayMs: 150, runningDelayMs: 150, ...options }).start();
  return { server, kubeconfig: writeKubeconfig(server) };
}

/** A StorageOSCluster as a user would write it, with a rich spec to check nothing is lost. */
export function storageosCluster(address: string, name = 'cluster-1', namespace = 'storageos'): Record<string, any> {
  return {
    apiVersion: 'storageos.com/v1',
    kind: 'StorageOSCluster',
    metadata: { name, namespace, labels: { app: 'storageos' }, annotations: { 'example.com/owner': 'ops' } },
    spec: {
      secretRefName: 'storageos-api',
      secretRefNamespace: 'storageos',
      namespace: 'kube-system',
      k8sDistro: 'upstream',
      images: { nodeContainer: 'storageos/node:v2.5.0' },
      kvBackend: { address, backend: 'etcd' },
      tlsEtcdSecretRefName: 'etcd-client-tls',
      tlsEtcdSecretRefNamespace: 'storageos',
      resources: { requests: { memory: '512Mi', cpu: '1' } },
      tolerations: [{ key: 'role', operator: 'Equal', value: 'storage', effect: 'NoSchedule' }],
      nodeSelectorTerms: [{ matchExpressions: [{ key: 'storage', operator: 'In', values: ['yes'] }] }],
      disableTelemetry: true,
    },
  };
}
