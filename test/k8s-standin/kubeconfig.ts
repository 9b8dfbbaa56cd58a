// STAND-IN support: writes a real kubeconfig file pointing at the stand-in, so the module under
// test loads credentials through @kubernetes/client-node exactly as it would for a cluster.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { K8sStandIn } from './server.js';

/** Writes a kubeconfig with context `standin` (good token) and `wrong-token`; returns its path. */
export function writeKubeconfig(standIn: K8sStandIn, dir = mkdtempSync(join(tmpdir(), 'ferry-kubeconfig-'))): string {
  const cluster = {
    server: standIn.url,
    'certificate-authority-data': Buffer.from(standIn.certs!.caCert).toString('base64'),
  };
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'standin', cluster }],
    users: [
      { name: 'operator', user: { token: standIn.token } },
      { name: 'intruder', user: { token: 'not-the-token' } },
    ],
    contexts: [
      { name: 'standin', context: { cluster: 'standin', user: 'operator', namespace: 'default' } },
      { name: 'wrong-token', context: { cluster: 'standin', user: 'intruder' } },
    ],
    'current-context': 'standin',
  };
  const path = join(dir, 'kubeconfig');
  writeFileSync(path, stringify(config), { mode: 0o600 });
  return path;
}
