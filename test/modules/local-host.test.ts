// Modules for real against the LocalTransport in a temp dir: the facts' commands parse real
// output, the changing commands work, and a second run reports no change.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync, readlinkSync, existsSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { commandModule } from '../../runner/modules/command.js';
import { copyModule } from '../../runner/modules/copy.js';
import { fileModule } from '../../runner/modules/file.js';
import { setupModule } from '../../runner/modules/setup.js';
import { shellModule } from '../../runner/modules/shell.js';
import { templateModule } from '../../runner/modules/template.js';
import { waitForModule } from '../../runner/modules/wait_for.js';
import { LocalTransport } from '../../runner/transport/local.js';
import { moduleContext } from '../helpers/module-context.js';
import { runModule } from '../helpers/run-module.js';

describe('modules on the local host', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-mod-'));
  const me = userInfo().username;
  const ctxFor = (opts: { check?: boolean; diff?: boolean; vars?: Record<string, unknown> } = {}) =>
    moduleContext({ transport: new LocalTransport('local'), baseDir: dir, ...opts });

  it('copy: writes, then reports no change; check mode writes nothing', async () => {
    const dest = join(dir, 'motd');
    const args = { content: 'hello\n', dest, mode: '0640', owner: me };
    assert.equal((await copyModule.run(args, ctxFor().ctx)).changed, true);
    assert.equal(readFileSync(dest, 'utf8'), 'hello\n');
    assert.equal(statSync(dest).mode & 0o777, 0o640);
    assert.equal((await copyModule.run(args, ctxFor().ctx)).changed, false);
    const checked = await copyModule.run({ ...args, content: 'bye\n' }, ctxFor({ check: true, diff: true }).ctx);
    assert.equal(checked.changed, true);
    assert.deepEqual(checked.diff, [{ path: dest, before: 'hello\n', after: 'bye\n' }]);
    assert.equal(readFileSync(dest, 'utf8'), 'hello\n');
    assert.equal((await copyModule.run({ ...args, mode: '0600' }, ctxFor().ctx)).changed, true);
    assert.equal(statSync(dest).mode & 0o777, 0o600);
  });

  it('template: renders with the context renderer, idempotent', async () => {
    writeFileSync(join(dir, 'unit.hbs'), 'ExecStart=/usr/bin/etcd --name {{name}}\n');
    const args = { src: 'unit.hbs', dest: join(dir, 'etcd.service') };
    assert.equal((await templateModule.run(args, ctxFor({ vars: { name: 'e1' } }).ctx)).changed, true);
    assert.equal(readFileSync(args.dest, 'utf8'), 'ExecStart=/usr/bin/etcd --name e1\n');
    assert.equal((await templateModule.run(args, ctxFor({ vars: { name: 'e1' } }).ctx)).changed, false);
  });

  it('file: directory, link, touch, absent, each idempotent', async () => {
    const d = join(dir, 'data');
    for (const args of [
      { path: d, state: 'directory' as const, mode: '0700' },
      { path: join(dir, 'link'), state: 'link' as const, src: d },
      { path: join(d, 'flag'), state: 'touch' as const },
      { path: join(dir, 'motd'), state: 'absent' as const },
    ]) {
      assert.equal((await fileModule.run(args, ctxFor().ctx)).changed, true, `${args.state} first`);
      assert.equal((await fileModule.run(args, ctxFor().ctx)).changed, false, `${args.state} second`);
    }
    assert.equal(statSync(d).mode & 0o777, 0o700);
    assert.equal(readlinkSync(join(dir, 'link')), d);
    assert.ok(existsSync(join(d, 'flag')) && !existsSync(join(dir, 'motd')));
  });

  it('command keeps shell syntax literal; shell interprets it', async () => {
    const c = await commandModule.run({ cmd: 'echo $HOME; true' }, ctxFor().ctx);
    assert.equal(c.stdout, '$HOME; true');
    const s = await shellModule.run({ cmd: 'echo a | tr a b', chdir: dir }, ctxFor().ctx);
    assert.equal(s.stdout, 'b');
    const missing = await commandModule.run({ cmd: 'pwd', chdir: join(dir, 'nope') }, ctxFor().ctx);
    assert.equal(missing.failed, true);
  });

  it('wait_for: a path that appears, and a timeout that says so', async () => {
    const flag = join(dir, 'ready');
    setTimeout(() => writeFileSync(flag, 'ready to serve'), 300);
    const ok = await runModule(waitForModule, { path: flag, search_regex: 'ready', timeout: 5, sleep: 0.05 }, ctxFor().ctx);
    assert.equal(ok.failed, false);
    const late = await runModule(waitForModule, { path: join(dir, 'never'), timeout: 1, sleep: 0.1 }, ctxFor().ctx);
    assert.match(String(late.msg), /timeout after 1 s waiting for path .*never to be started/);
  });

  it('setup: reads this machine', async () => {
    const r = await setupModule.run({}, ctxFor().ctx);
    const facts = r.facts as Record<string, unknown>;
    assert.equal(typeof facts.ansible_hostname, 'string');
    assert.ok((facts.ansible_hostname as string).length > 0);
    assert.equal(typeof facts.has_systemd, 'boolean');
  });
});
