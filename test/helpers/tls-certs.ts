// TLS material for etcd tests on the lab, made with `openssl` at test time: a throwaway CA,
// one server/peer certificate per host (SAN: the host's lab IP, 127.0.0.1, its name), and a
// client certificate for ferry. Installed on hosts under /etc/etcd3/pki (resetEtcd removes it).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sshRun, type LabHost } from './lab.js';

/** Where a host's TLS files go; the etcd template's TLS vars point here. */
export const REMOTE_PKI = '/etc/etcd3/pki';

/** Paths of one host's certificate and key on the control machine. */
export interface HostCert {
  cert: string;
  key: string;
}

/** Everything generated, as files on the control machine. */
export interface TlsCerts {
  dir: string;
  ca: string;
  hosts: Record<string, HostCert>;
  clientCert: string;
  clientKey: string;
}

/** Runs openssl in `dir`, failing with its stderr. */
function ssl(dir: string, args: string[]): void {
  try {
    execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  } catch (e) {
    const err = e as { stderr?: Buffer };
    throw new Error(`openssl ${args[0]} failed: ${err.stderr?.toString().trim() ?? String(e)}`, { cause: e });
  }
}

/** A P-256 key and a certificate signed by the CA in `dir`, with the given extensions. */
function signed(dir: string, base: string, cn: string, ext: string): HostCert {
  writeFileSync(join(dir, `${base}.ext`), ext);
  ssl(dir, ['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', `/CN=${cn}`, '-keyout', `${base}.key`, '-out', `${base}.csr`]);
  ssl(dir, ['x509', '-req', '-in', `${base}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', `${base}.ext`, '-out', `${base}.pem`]);
  return { cert: join(dir, `${base}.pem`), key: join(dir, `${base}.key`) };
}

/** Generates a CA, a server+peer certificate per host and a client certificate for ferry. */
export function makeTlsCerts(hosts: LabHost[], dir = mkdtempSync(join(tmpdir(), 'ferry-tls-'))): TlsCerts {
  mkdirSync(dir, { recursive: true });
  ssl(dir, ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=ferry-lab-etcd-ca', '-keyout', 'ca.key', '-out', 'ca.pem']);
  const out: Record<string, HostCert> = {};
  for (const h of hosts) {
    // Server and peer in one: etcd peers present it both ways.
    const ext = `subjectAltName=IP:${h.ip},IP:127.0.0.1,DNS:${h.name},DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\nkeyUsage=digitalSignature,keyEncipherment\n`;
    out[h.name] = signed(dir, h.name, h.name, ext);
  }
  const client = signed(dir, 'ferry-client', 'ferry', 'extendedKeyUsage=clientAuth\nkeyUsage=digitalSignature,keyEncipherment\n');
  return { dir, ca: join(dir, 'ca.pem'), hosts: out, clientCert: client.cert, clientKey: client.key };
}

/** The files a host gets, by their remote paths (the values for the template's TLS vars). */
export const remoteTlsFiles = { ca: `${REMOTE_PKI}/ca.pem`, cert: `${REMOTE_PKI}/server.pem`, key: `${REMOTE_PKI}/server.key` };

/** Copies the CA and the host's own certificate and key to REMOTE_PKI on the host (key 0600). */
export async function installTlsCerts(host: LabHost, certs: TlsCerts): Promise<void> {
  const own = certs.hosts[host.name];
  if (!own) throw new Error(`tls: no certificate made for ${host.name}`);
  const files: Array<[string, string, string]> = [
    [remoteTlsFiles.ca, readFileSync(certs.ca, 'utf8'), '0644'],
    [remoteTlsFiles.cert, readFileSync(own.cert, 'utf8'), '0644'],
    [remoteTlsFiles.key, readFileSync(own.key, 'utf8'), '0600'],
  ];
  for (const [path, content, mode] of files) {
    const r = await sshRun(host, `mkdir -p ${REMOTE_PKI} && install -m ${mode} /dev/stdin ${path}`, { input: content });
    if (r.code !== 0) throw new Error(`tls: installing ${path} on ${host.name} failed (${r.code}): ${r.stderr.trim()}`);
  }
}

/** The template vars that turn on client and peer TLS with the installed files. */
export function tlsTemplateVars(): Record<string, string> {
  const { ca, cert, key } = remoteTlsFiles;
  return {
    etcd_cert_file: cert, etcd_key_file: key, etcd_trusted_ca_file: ca,
    etcd_peer_cert_file: cert, etcd_peer_key_file: key, etcd_peer_trusted_ca_file: ca,
  };
}
