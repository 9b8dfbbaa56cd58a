// STAND-IN support: a throwaway CA and a server certificate for 127.0.0.1, made with the
// openssl binary at test time, so the client library verifies TLS exactly as against a cluster.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** PEM material for the stand-in's TLS. */
export interface StandInCerts {
  dir: string;
  caCert: string;
  serverCert: string;
  serverKey: string;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

let cached: StandInCerts | undefined;

/** Generates a CA and a CA-signed server certificate with IP SAN 127.0.0.1 in a new temp dir (once per process: RSA keys are slow). */
export function makeCerts(): StandInCerts {
  cached ??= generate();
  return cached;
}

function generate(): StandInCerts {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-k8s-standin-'));
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt',
    '-days', '1', '-subj', '/CN=ferry-standin-ca'], dir);
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr',
    '-subj', '/CN=127.0.0.1'], dir);
  // SANs, not CN, are what Node checks: without the IP SAN the client rejects the server.
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial',
    '-out', 'server.crt', '-days', '1', '-extfile', 'san.ext'], dir);
  return {
    dir,
    caCert: readFileSync(join(dir, 'ca.crt'), 'utf8'),
    serverCert: readFileSync(join(dir, 'server.crt'), 'utf8'),
    serverKey: readFileSync(join(dir, 'server.key'), 'utf8'),
  };
}
