import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decideHostKey, hostKeyPolicyFor, preferredHostKeyAlgorithms } from '../../runner/transport/host-key-policy.js';

function blob(type: string, body: string): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(type.length);
  return Buffer.concat([len, Buffer.from(type), Buffer.from(body)]);
}
const KEY = blob('ssh-ed25519', 'one');
const OTHER = blob('ssh-ed25519', 'two');

describe('host key policy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-kh-'));

  it('strict refuses an unknown key and says how to add it', async () => {
    const d = await decideHostKey({ mode: 'strict', file: join(dir, 'none') }, '10.0.0.1', 22, KEY);
    assert.equal(d.accept, false);
    assert.match(!d.accept ? d.reason : '', /not in .*none.*ssh-keyscan -p 22 10\.0\.0\.1.*accept-new/);
  });

  it('accept-new appends an unknown key (adding a missing final newline) and then knows it', async () => {
    const file = join(dir, 'kh1');
    writeFileSync(file, 'other ssh-ed25519 AAAA');
    assert.deepEqual(await decideHostKey({ mode: 'accept-new', file }, '10.0.0.1', 2222, KEY), { accept: true, recorded: true });
    assert.equal(readFileSync(file, 'utf8'), `other ssh-ed25519 AAAA\n[10.0.0.1]:2222 ssh-ed25519 ${KEY.toString('base64')}\n`);
    assert.deepEqual(await decideHostKey({ mode: 'strict', file }, '10.0.0.1', 2222, KEY), { accept: true });
  });

  it('accept-new refuses a changed key, plainly, naming file and line', async () => {
    const file = join(dir, 'kh2');
    writeFileSync(file, `# a\nh1 ssh-ed25519 ${KEY.toString('base64')}\n`);
    const d = await decideHostKey({ mode: 'accept-new', file }, 'h1', 22, OTHER);
    assert.equal(d.accept, false);
    assert.match(!d.accept ? d.reason : '', new RegExp(`REMOTE HOST IDENTIFICATION HAS CHANGED.*${file}:2`));
    assert.equal(readFileSync(file, 'utf8').split('\n').length, 3);
  });

  it('a host\'s ssh_known_hosts_file replaces the default file, but not one given by --known-hosts', () => {
    assert.deepEqual(hostKeyPolicyFor({ mode: 'strict', file: '/home/u/.ssh/known_hosts' }, { knownHostsFile: '/lab/kh' }), { mode: 'strict', file: '/lab/kh' });
    assert.deepEqual(hostKeyPolicyFor({ mode: 'accept-new', file: '/flag/kh', fileFromFlag: true }, { knownHostsFile: '/lab/kh' }), { mode: 'accept-new', file: '/flag/kh', fileFromFlag: true });
    assert.deepEqual(hostKeyPolicyFor({ mode: 'strict', file: '/d' }, {}), { mode: 'strict', file: '/d' });
  });

  it('a host\'s StrictHostKeyChecking (ssh config, ssh_host_key_checking) applies unless --host-key-checking was given', () => {
    assert.equal(hostKeyPolicyFor({ mode: 'strict', file: '/d' }, { hostKeyChecking: 'accept-new' }).mode, 'accept-new');
    assert.equal(hostKeyPolicyFor({ mode: 'strict', file: '/d', modeFromFlag: true }, { hostKeyChecking: 'off' }).mode, 'strict');
  });

  it('accept-new refuses a new key type for a host known by another type (OpenSSH: a changed identity), and records nothing', async () => {
    const file = join(dir, 'kh4');
    const known = `h1 ssh-rsa ${blob('ssh-rsa', 'r').toString('base64')}\n`;
    writeFileSync(file, known);
    for (const mode of ['accept-new', 'strict'] as const) {
      const d = await decideHostKey({ mode, file }, 'h1', 22, KEY);
      assert.equal(d.accept, false);
      assert.match(!d.accept ? d.reason : '', new RegExp(`h1 presents a ssh-ed25519 host key .* ${file}:1 knows it by a ssh-rsa key.*ssh-keygen -R 'h1'`));
    }
    assert.equal(readFileSync(file, 'utf8'), known);
    // Another host under the same file is still new, and accepted.
    assert.deepEqual(await decideHostKey({ mode: 'accept-new', file }, 'h2', 22, KEY), { accept: true, recorded: true });
  });

  it('off accepts anything without reading the file', async () => {
    assert.deepEqual(await decideHostKey({ mode: 'off', file: '/nonexistent/x' }, 'h1', 22, OTHER), { accept: true });
  });

  it('asks the server for the key types known_hosts holds first', async () => {
    const file = join(dir, 'kh3');
    writeFileSync(file, `h1 ssh-rsa ${blob('ssh-rsa', 'r').toString('base64')}\n`);
    const algs = await preferredHostKeyAlgorithms({ mode: 'strict', file }, 'h1', 22);
    assert.deepEqual(algs?.slice(0, 4), ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa', 'ssh-ed25519']);
    assert.equal(await preferredHostKeyAlgorithms({ mode: 'strict', file }, 'h2', 22), undefined);
  });
});
