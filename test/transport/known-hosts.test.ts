import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { checkHostKey, fingerprint, keyTypeOf, knownHostName, KnownHostsIndex, knownKeyTypes, parseKnownHosts } from '../../runner/transport/known-hosts.js';

// A wire-format key blob: string type, then opaque bytes.
function blob(type: string, body: string): Buffer {
  const t = Buffer.from(type);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(t.length);
  return Buffer.concat([len, t, Buffer.from(body)]);
}
const ED = blob('ssh-ed25519', 'key-one');
const ED2 = blob('ssh-ed25519', 'key-two');
const RSA = blob('ssh-rsa', 'rsa-key');
const b64 = (b: Buffer) => b.toString('base64');
function hashed(name: string): string {
  const salt = Buffer.from('0123456789abcdefghij');
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

describe('known_hosts', () => {
  it('names hosts the way OpenSSH stores them', () => {
    assert.equal(knownHostName('10.0.0.1', 22), '10.0.0.1');
    assert.equal(knownHostName('10.0.0.1', 2222), '[10.0.0.1]:2222');
  });

  it('reads the key type from a blob and fingerprints it like ssh-keygen -l', () => {
    assert.equal(keyTypeOf(ED), 'ssh-ed25519');
    assert.match(fingerprint(ED), /^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it('skips comments, blank, broken and @cert-authority lines, keeping line numbers', () => {
    const entries = parseKnownHosts(`# c\n\nbroken\n@cert-authority *.x ssh-ed25519 AAAA\nh1 ssh-ed25519 ${b64(ED)} comment\n`);
    assert.deepEqual(entries.map((e) => [e.line, e.patterns, e.keyType]), [[5, ['h1'], 'ssh-ed25519']]);
  });

  const cases: Array<{ name: string; file: string; host: string; key: Buffer; status: string; line?: number }> = [
    { name: 'plain host, same key', file: `h1 ssh-ed25519 ${b64(ED)}`, host: 'h1', key: ED, status: 'known' },
    { name: 'case-insensitive host', file: `H1 ssh-ed25519 ${b64(ED)}`, host: 'h1', key: ED, status: 'known' },
    { name: 'comma list', file: `a,h1,10.0.0.1 ssh-ed25519 ${b64(ED)}`, host: '10.0.0.1', key: ED, status: 'known' },
    { name: 'bracketed port', file: `[h1]:2222 ssh-ed25519 ${b64(ED)}`, host: '[h1]:2222', key: ED, status: 'known' },
    { name: 'port 22 entry does not cover another port', file: `h1 ssh-ed25519 ${b64(ED)}`, host: '[h1]:2222', key: ED, status: 'unknown' },
    { name: 'hashed entry', file: `${hashed('[h1]:2222')} ssh-ed25519 ${b64(ED)}`, host: '[h1]:2222', key: ED, status: 'known' },
    { name: 'hashed entry for another host', file: `${hashed('h2')} ssh-ed25519 ${b64(ED)}`, host: 'h1', key: ED, status: 'unknown' },
    { name: 'wildcard', file: `*.lab ssh-ed25519 ${b64(ED)}`, host: 'etcd1.lab', key: ED, status: 'known' },
    { name: 'negated pattern excludes', file: `*.lab,!etcd1.lab ssh-ed25519 ${b64(ED)}`, host: 'etcd1.lab', key: ED, status: 'unknown' },
    { name: 'changed key, with the old line', file: `# x\nh1 ssh-ed25519 ${b64(ED)}`, host: 'h1', key: ED2, status: 'changed', line: 2 },
    { name: 'other key type only: unknown for this type', file: `h1 ssh-rsa ${b64(RSA)}`, host: 'h1', key: ED, status: 'unknown' },
    { name: 'one of several keys matches', file: `h1 ssh-rsa ${b64(RSA)}\nh1 ssh-ed25519 ${b64(ED)}`, host: 'h1', key: ED, status: 'known' },
    { name: 'revoked key', file: `@revoked * ssh-ed25519 ${b64(ED)}\nh1 ssh-ed25519 ${b64(ED)}`, host: 'h1', key: ED, status: 'revoked', line: 1 },
    { name: 'empty file', file: '', host: 'h1', key: ED, status: 'unknown' },
  ];
  for (const c of cases) {
    it(`checks: ${c.name} → ${c.status}`, () => {
      const v = checkHostKey(parseKnownHosts(c.file), c.host, c.key);
      assert.equal(v.status, c.status);
      if (c.line !== undefined) assert.equal('entry' in v && v.entry.line, c.line);
      // The index keeps what bears on the host: the same verdict, from the same line.
      assert.deepEqual(checkHostKey(new KnownHostsIndex(parseKnownHosts(c.file)).relevant(c.host), c.host, c.key), v);
    });
  }

  it('lists the key types known for a host, for host key algorithm preference', () => {
    const entries = parseKnownHosts(`h1 ssh-rsa ${b64(RSA)}\nh2 ssh-ed25519 ${b64(ED)}\nh1 ssh-rsa ${b64(RSA)}`);
    assert.deepEqual(knownKeyTypes(entries, 'h1'), ['ssh-rsa']);
  });

  it('an index of every case at once gives every case its own verdict (entries of other hosts ignored)', () => {
    const index = new KnownHostsIndex(parseKnownHosts(cases.map((c) => c.file).join('\n')));
    const all = parseKnownHosts(cases.map((c) => c.file).join('\n'));
    for (const c of cases) assert.deepEqual(checkHostKey(index.relevant(c.host), c.host, c.key), checkHostKey(all, c.host, c.key), c.name);
    for (const host of ['h1', 'H1', '[h1]:2222', 'etcd1.lab', 'other']) assert.deepEqual(knownKeyTypes(index.relevant(host), host), knownKeyTypes(all, host), host);
  });
});
