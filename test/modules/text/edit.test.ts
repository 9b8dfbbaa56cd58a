// The write path of the text modules on a MemoryTransport: what is sent in check mode (reads only),
// validate (a failing check leaves the file alone), backup, a symlinked path, a missing file, become.
import assert from 'node:assert/strict';
import { modules } from '../../../runner/modules/registry.js';
import { moduleContext } from '../../helpers/module-context.js';
import { runModule } from '../../helpers/run-module.js';

const FILE = { match: "stat -c '%a %U %G %F' -- /etc/app.conf", stdout: '640 app app regular file\n' };

function setup(opts: { check?: boolean; replies?: Array<{ match: string | RegExp; rc?: number; stdout?: string; stderr?: string }>; become?: { user: string } } = {}) {
  return moduleContext({ memory: { replies: [...(opts.replies ?? []), FILE], files: { '/etc/app.conf': 'a=1\n' } }, check: opts.check, diff: true, become: opts.become });
}
const lineinfile = modules.get('lineinfile')!;

describe('text modules: writing', () => {
  it('check mode reads the file and sends nothing that changes it, with the diff', async () => {
    const { ctx, memory } = setup({ check: true });
    const r = await runModule(lineinfile, { path: '/etc/app.conf', line: 'b=2' }, ctx);
    assert.equal(r.changed, true);
    assert.deepEqual(r.diff, [{ path: '/etc/app.conf', before: 'a=1\n', after: 'a=1\nb=2\n' }]);
    assert.deepEqual(memory!.commands.map((c) => c.command.slice(0, 40)), [memory!.commands[0]!.command.slice(0, 40)]);
    assert.equal(memory!.files.get('/etc/app.conf')!.toString(), 'a=1\n');
  });

  it('writes the new text keeping the mode (put without a mode), and a backup first when asked', async () => {
    const { ctx, memory } = setup();
    const r = await runModule(lineinfile, { dest: '/etc/app.conf', line: 'b=2', backup: true }, ctx);
    assert.equal(r.changed, true);
    assert.equal(memory!.files.get('/etc/app.conf')!.toString(), 'a=1\nb=2\n');
    assert.equal(memory!.modes.get('/etc/app.conf'), undefined);
    const cp = memory!.commands.find((c) => c.command.startsWith('cp -p -- /etc/app.conf '));
    assert.match(String(r.backup_file), /^\/etc\/app\.conf\.\d{4}-\d\d-\d\dT\d{9}Z~$/);
    assert.equal(cp?.command, `cp -p -- /etc/app.conf '${String(r.backup_file)}'`);
  });

  it('validate: the new text is checked in a temp file first; a failing check leaves the file alone and says why', async () => {
    const { ctx, memory } = setup({ replies: [{ match: /^visudo -cf '?\/etc\/\.ferry-tmp-/, rc: 1, stderr: 'syntax error near line 2' }] });
    await assert.rejects(runModule(lineinfile, { path: '/etc/app.conf', line: 'b=2', validate: 'visudo -cf %s' }, ctx), /validate failed, \/etc\/app.conf left unchanged: visudo -cf %s \(rc 1\): syntax error near line 2/);
    assert.equal(memory!.files.get('/etc/app.conf')!.toString(), 'a=1\n');
    assert.ok(memory!.commands.some((c) => /^rm -f -- '?\/etc\/\.ferry-tmp-/.test(c.command)), 'temp file removed');
  });

  it('validate without %s is refused', async () => {
    const { ctx } = setup();
    await assert.rejects(runModule(lineinfile, { path: '/etc/app.conf', line: 'b=2', validate: 'true' }, ctx), /validate must contain %s/);
  });

  it('a symbolic link: the file it points to is edited', async () => {
    const { ctx, memory } = moduleContext({
      memory: {
        replies: [{ match: "stat -c '%a %U %G %F' -- /etc/link", stdout: '777 root root symbolic link\nlink:/srv/real\n' }, { match: 'readlink -f -- /etc/link', stdout: '/srv/real\n' }, { match: "stat -c '%a %U %G %F' -- /srv/real", stdout: '644 root root regular file\n' }],
        files: { '/srv/real': 'x\n' },
      },
    });
    await runModule(modules.get('replace')!, { path: '/etc/link', regexp: 'x', replace: 'y' }, ctx);
    assert.equal(memory!.files.get('/srv/real')!.toString(), 'y\n');
    assert.equal(memory!.files.has('/etc/link'), false);
  });

  it('a missing file fails naming it (rc 257), unless create: the folder is made and the file is 0644', async () => {
    const missing = { match: 'stat -c', stdout: 'absent\n' };
    const a = moduleContext({ memory: { replies: [missing] } });
    const r = await runModule(modules.get('blockinfile')!, { path: '/etc/new/x.conf', block: 'k=v' }, a.ctx);
    assert.deepEqual([r.failed, r.rc, r.msg], [true, 257, 'db1: path /etc/new/x.conf does not exist (create: true makes it)']);
    const b = moduleContext({ memory: { replies: [missing] } });
    await runModule(modules.get('blockinfile')!, { path: '/etc/new/x.conf', block: 'k=v', create: true, mode: '0600' }, b.ctx);
    assert.ok(b.memory!.commands.some((c) => c.command === 'mkdir -p -- /etc/new'));
    assert.equal(b.memory!.files.get('/etc/new/x.conf')!.toString(), '# BEGIN ANSIBLE MANAGED BLOCK\nk=v\n# END ANSIBLE MANAGED BLOCK\n');
    assert.equal(b.memory!.modes.get('/etc/new/x.conf'), '0600');
  });

  it('an owner that differs is fixed even when the text is as wanted; every command with become', async () => {
    const { ctx, memory } = setup({ become: { user: 'root' } });
    const r = await runModule(lineinfile, { path: '/etc/app.conf', line: 'a=1', owner: 'root' }, ctx);
    assert.deepEqual([r.changed, r.msg], [true, 'owner app → root']);
    assert.ok(memory!.commands.some((c) => c.command === 'chown -- root /etc/app.conf' && c.become === 'root'));
  });

  it('a bad pattern is an error naming the argument', async () => {
    const { ctx } = setup();
    await assert.rejects(runModule(lineinfile, { path: '/etc/app.conf', regexp: '(a', line: 'x' }, ctx), /regexp: invalid pattern "\(a"/);
    await assert.rejects(runModule(lineinfile, { path: '/etc/app.conf', regexp: '(a)\\1', line: 'x' }, ctx), /backreferences and lookarounds are not supported/);
  });

  it('systemd: daemon_reload alone runs daemon-reload (not in check mode) and reports no change, as Ansible', async () => {
    const real = moduleContext();
    const r = await runModule(modules.get('systemd')!, { daemon_reload: true }, real.ctx);
    assert.deepEqual([r.changed, real.memory!.commands.map((c) => c.command)], [false, ['systemctl daemon-reload']]);
    const check = moduleContext({ check: true });
    await runModule(modules.get('systemd')!, { daemon_reload: true }, check.ctx);
    assert.deepEqual(check.memory!.commands, []);
    assert.throws(() => runModule(modules.get('systemd')!, { state: 'started' }, real.ctx), /give at least one of: name, daemon_reload/);
  });
});
