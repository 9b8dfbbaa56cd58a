// get_url and uri for real: curl on this host (the LocalTransport) against a node HTTP server on
// 127.0.0.1. What is checked is what lands in the file, what the server received, and what the
// user is shown; hostile values (a body starting with "@", "$(...)" in a URL, a header with a
// newline) are sent as data or refused, never run or read as files.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getUrlModule } from '../../runner/modules/net/get_url.js';
import { uriModule } from '../../runner/modules/net/uri.js';
import { responseHeaders } from '../../runner/modules/net/uri.js';
import { LocalTransport } from '../../runner/transport/local.js';
import { moduleContext } from '../helpers/module-context.js';
import { runModule } from '../helpers/run-module.js';

interface Seen { method: string; url: string; headers: IncomingMessage['headers']; body: string }

describe('get_url and uri against a local HTTP server', function () {
  this.timeout(30000);
  const dir = mkdtempSync(join(tmpdir(), 'ferry-net-'));
  const seen: Seen[] = [];
  let server: Server;
  let base = '';
  const ctx = (check = false) => moduleContext({ transport: new LocalTransport('local'), baseDir: dir, check }).ctx;
  const payload = 'etcd v3.4.30 tarball stand-in\n'.repeat(1000);
  const sha256 = createHash('sha256').update(payload).digest('hex');

  before(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        const u = new URL(req.url ?? '/', 'http://x');
        if (u.pathname === '/etcd.tar.gz') return void res.end(payload);
        if (u.pathname === '/moved') return void res.writeHead(302, { Location: '/etcd.tar.gz' }).end();
        if (u.pathname === '/missing') return void res.writeHead(404).end('no such thing');
        if (u.pathname === '/secret') {
          const auth = req.headers.authorization;
          if (auth !== `Basic ${Buffer.from('op:s3cr3t-pw').toString('base64')}`) return void res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="x"' }).end();
          return void res.end('inside');
        }
        if (u.pathname === '/echo') {
          res.writeHead(201, { 'Content-Type': 'application/json', 'X-Request-Id': 'abc-1' });
          return void res.end(JSON.stringify({ method: req.method, body, type: req.headers['content-type'] ?? null }));
        }
        res.writeHead(500).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const addr = server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('get_url downloads to dest, then keeps it (no second request); a directory dest takes the URL’s name', async () => {
    const dest = join(dir, 'etcd.tar.gz');
    const first = await runModule(getUrlModule, { url: `${base}/etcd.tar.gz`, dest, mode: '0640' }, ctx());
    assert.equal(first.changed, true, String(first.msg));
    assert.equal(readFileSync(dest, 'utf8'), payload);
    assert.equal(statSync(dest).mode & 0o777, 0o640);
    const n = seen.length;
    const again = await runModule(getUrlModule, { url: `${base}/etcd.tar.gz`, dest, mode: '0640' }, ctx());
    assert.equal(again.changed, false);
    assert.equal(seen.length, n, 'an existing dest was fetched again without force');
    const sub = join(dir, 'dl');
    mkdirSync(sub);
    const r = await runModule(getUrlModule, { url: `${base}/moved`, dest: sub }, ctx());
    assert.equal(r.changed, true, String(r.msg));
    assert.equal(readFileSync(join(sub, 'moved'), 'utf8'), payload, 'the redirect was not followed');
  });

  it('get_url with a checksum: a matching dest is not fetched; a mismatch fails and leaves dest as it was', async () => {
    const dest = join(dir, 'checked.tar.gz');
    const r = await runModule(getUrlModule, { url: `${base}/etcd.tar.gz`, dest, checksum: `sha256:${sha256}` }, ctx());
    assert.equal(r.changed, true, String(r.msg));
    const n = seen.length;
    assert.equal((await runModule(getUrlModule, { url: `${base}/etcd.tar.gz`, dest, checksum: `sha256:${sha256}` }, ctx())).changed, false);
    assert.equal(seen.length, n);
    const bad = await runModule(getUrlModule, { url: `${base}/etcd.tar.gz`, dest, checksum: `sha256:${'0'.repeat(64)}`, force: true }, ctx());
    assert.equal(bad.failed, true);
    assert.match(String(bad.msg), new RegExp(`did not match sha256:0{64}; it was: ${sha256}`));
    assert.equal(readFileSync(dest, 'utf8'), payload);
    assert.deepEqual(leftovers(dir), [], 'a temp file was left beside dest');
  });

  it('get_url: 404 fails naming the URL and status, creates nothing; check mode downloads nothing', async () => {
    const dest = join(dir, 'nothing');
    const r = await runModule(getUrlModule, { url: `${base}/missing`, dest }, ctx());
    assert.equal(r.failed, true);
    assert.match(String(r.msg), /Request failed: .*\/missing: HTTP Error 404/);
    assert.equal(existsSync(dest), false);
    const n = seen.length;
    const c = await runModule(getUrlModule, { url: `${base}/etcd.tar.gz`, dest }, ctx(true));
    assert.equal(c.changed, true);
    assert.equal(existsSync(dest), false);
    assert.equal(seen.length, n);
    assert.deepEqual(leftovers(dir), []);
  });

  it('refuses file:// and other schemes, and a header name that would split the request', async () => {
    await assert.rejects(runModule(getUrlModule, { url: 'file:///etc/shadow', dest: join(dir, 'x') }, ctx()), /only http:\/\/ and https:\/\//);
    await assert.rejects(runModule(uriModule, { url: 'gopher://127.0.0.1/' }, ctx()), /only http:\/\/ and https:\/\//);
    await assert.rejects(runModule(uriModule, { url: `${base}/echo`, headers: { 'X-A\r\nX-B': '1' } }, ctx()), /not an HTTP header name/);
    await assert.rejects(runModule(uriModule, { url: `${base}/echo`, headers: { 'X-A': 'v\r\nX-Injected: 1' } }, ctx()), /HTTP header X-A holds a line break/);
  });

  it('uri: a JSON body is sent as JSON; the status, headers and parsed JSON come back; content only when asked', async () => {
    const r = await runModule(uriModule, { url: `${base}/echo`, method: 'POST', body: { key: 'a', n: 1 }, body_format: 'json', status_code: [200, 201] }, ctx());
    assert.equal(r.failed, false, String(r.msg));
    assert.equal(r.status, 201);
    assert.equal(r.x_request_id, 'abc-1');
    assert.equal(r.content_type, 'application/json');
    assert.deepEqual(r.json, { method: 'POST', body: '{"key":"a","n":1}', type: 'application/json' });
    assert.equal(r.content, undefined);
    const withContent = await runModule(uriModule, { url: `${base}/echo`, status_code: 201, return_content: true }, ctx());
    assert.match(String(withContent.content), /"method":"GET"/);
  });

  it('uri: form-urlencoded bodies, and a status outside status_code fails with the status', async () => {
    const r = await runModule(uriModule, { url: `${base}/echo`, method: 'POST', body: { user: 'op', q: 'a b&c' }, body_format: 'form-urlencoded', status_code: 201 }, ctx());
    assert.equal((r.json as { body: string }).body, 'user=op&q=a+b%26c');
    const missing = await runModule(uriModule, { url: `${base}/missing` }, ctx());
    assert.equal(missing.failed, true);
    assert.equal(missing.status, 404);
    assert.match(String(missing.msg), /Status code was 404 and not \[200\]/);
  });

  it('uri follows redirects for GET only by default (safe); none keeps the 302', async () => {
    const r = await runModule(uriModule, { url: `${base}/moved` }, ctx());
    assert.equal(r.status, 200);
    assert.equal(r.redirected, true);
    assert.match(String(r.url), /\/etcd\.tar\.gz$/);
    const kept = await runModule(uriModule, { url: `${base}/moved`, follow_redirects: 'none', status_code: 302 }, ctx());
    assert.equal(kept.status, 302);
    assert.equal(kept.location, '/etcd.tar.gz');
    const post = await runModule(uriModule, { url: `${base}/moved`, method: 'POST', status_code: 302 }, ctx());
    assert.equal(post.status, 302, 'a POST followed a redirect under follow_redirects=safe');
  });

  it('hostile values are data: "@/etc/passwd" is a body, "$(...)" in a URL is not run, the password is not on a command line', async () => {
    const marker = join(dir, 'pwned');
    const r = await runModule(uriModule, { url: `${base}/echo?x=$(touch\${IFS}${marker})`, method: 'POST', body: '@/etc/passwd', status_code: 201 }, ctx());
    assert.equal((r.json as { body: string }).body, '@/etc/passwd');
    assert.equal(existsSync(marker), false, 'a $(...) in the URL ran');
    const commands: string[] = [];
    const t = new LocalTransport('local');
    const exec = t.exec.bind(t);
    t.exec = (command, options) => {
      commands.push(command);
      return exec(command, options);
    };
    const c = moduleContext({ transport: t, baseDir: dir }).ctx;
    const authed = await runModule(uriModule, { url: `${base}/secret`, url_username: 'op', url_password: 's3cr3t-pw', force_basic_auth: true, return_content: true }, c);
    assert.equal(authed.content, 'inside', String(authed.msg));
    assert.ok(commands.length > 0 && commands.every((x) => !x.includes('s3cr3t-pw')), 'the password reached a command line');
    assert.ok(!JSON.stringify(authed).includes('s3cr3t-pw'));
    const challenged = await runModule(getUrlModule, { url: `${base}/secret`, dest: join(dir, 'secret.txt'), url_username: 'op', url_password: 's3cr3t-pw' }, ctx());
    assert.equal(challenged.changed, true, String(challenged.msg));
    assert.equal(readFileSync(join(dir, 'secret.txt'), 'utf8'), 'inside');
  });

  it('uri creates/removes: the request is not made when the path says so', async () => {
    const n = seen.length;
    const r = await runModule(uriModule, { url: `${base}/echo`, creates: dir }, ctx());
    assert.match(String(r.msg), /skipped, since .* exists/);
    const q = await runModule(uriModule, { url: `${base}/echo`, removes: join(dir, 'absent') }, ctx());
    assert.match(String(q.msg), /does not exist/);
    assert.equal(seen.length, n);
  });

  it('responseHeaders takes the last response after redirects, Ansible-style names', () => {
    const raw = 'HTTP/1.1 302 Found\r\nLocation: /a\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Thing-Id: 7\r\n\r\n';
    assert.deepEqual(responseHeaders(raw), { content_type: 'text/plain', x_thing_id: '7' });
  });
});

/** Names of ferry temp files left in `dir`. */
function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((n) => n.startsWith('.ferry-'));
}
