// unarchive for real: GNU tar and unzip on this host (the LocalTransport), archives made here with
// tar and zip. What is checked is what lands in dest, its attributes, and that a rerun changes nothing.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unarchiveModule } from '../../runner/modules/transfer/unarchive.js';
import { LocalTransport } from '../../runner/transport/local.js';
import { moduleContext } from '../helpers/module-context.js';
import { runModule } from '../helpers/run-module.js';

describe('unarchive on the local host', function () {
  this.timeout(30000);
  const dir = mkdtempSync(join(tmpdir(), 'ferry-unarchive-'));
  const src = join(dir, 'src');
  const ctx = (check = false) => moduleContext({ transport: new LocalTransport('local'), baseDir: dir, check }).ctx;
  const fresh = (name: string) => {
    const d = join(dir, name);
    mkdirSync(d);
    return d;
  };

  before(() => {
    mkdirSync(join(src, 'etcd/bin'), { recursive: true });
    writeFileSync(join(src, 'etcd/bin/etcd'), '#!/bin/sh\necho etcd\n', { mode: 0o755 });
    writeFileSync(join(src, 'etcd/README.md'), 'read me\n');
    writeFileSync(join(src, 'etcd/-dash'), 'a name that looks like an option\n');
    for (const f of ['etcd/bin/etcd', 'etcd/README.md', 'etcd/-dash']) utimesSync(join(src, f), 1700000000, 1700000000);
    execFileSync('tar', ['-czf', join(dir, 'etcd.tar.gz'), '-C', src, 'etcd']);
    execFileSync('zip', ['-qr', join(dir, 'etcd.zip'), 'etcd'], { cwd: src });
  });

  for (const archive of ['etcd.tar.gz', 'etcd.zip']) {
    it(`${archive}: a controller archive is extracted, a rerun changes nothing, a changed member is restored`, async () => {
      const dest = fresh(`out-${archive}`);
      const first = await runModule(unarchiveModule, { src: archive, dest, list_files: true }, ctx());
      assert.equal(first.changed, true, String(first.msg));
      assert.equal(readFileSync(join(dest, 'etcd/bin/etcd'), 'utf8'), '#!/bin/sh\necho etcd\n');
      assert.equal(statSync(join(dest, 'etcd/bin/etcd')).mode & 0o777, 0o755);
      assert.equal(readFileSync(join(dest, 'etcd/-dash'), 'utf8'), 'a name that looks like an option\n');
      assert.ok((first.files as string[]).some((f) => /etcd\/README\.md$/.test(f)), JSON.stringify(first.files));
      const again = await runModule(unarchiveModule, { src: archive, dest }, ctx());
      assert.equal(again.changed, false, String(again.msg));
      writeFileSync(join(dest, 'etcd/README.md'), 'tampered, and longer than before\n');
      const check = await runModule(unarchiveModule, { src: archive, dest }, ctx(true));
      assert.equal(check.changed, true);
      assert.equal(readFileSync(join(dest, 'etcd/README.md'), 'utf8'), 'tampered, and longer than before\n', 'check mode extracted');
      const restored = await runModule(unarchiveModule, { src: archive, dest }, ctx());
      assert.equal(restored.changed, true);
      assert.equal(readFileSync(join(dest, 'etcd/README.md'), 'utf8'), 'read me\n');
      assert.deepEqual(readdirSync(tmpdir()).filter((n) => n.startsWith('ferry-unarchive.')), [], 'the temp copy of the archive was left');
    });
  }

  it('remote_src, include, mode: only the named member, with the mode, idempotent', async () => {
    const dest = fresh('out-include');
    const args = { src: join(dir, 'etcd.tar.gz'), remote_src: true, dest, include: ['etcd/bin/etcd'], mode: '0700' };
    assert.equal((await runModule(unarchiveModule, args, ctx())).changed, true);
    assert.equal(existsSync(join(dest, 'etcd/README.md')), false);
    assert.equal(statSync(join(dest, 'etcd/bin/etcd')).mode & 0o777, 0o700);
    const again = await runModule(unarchiveModule, args, ctx());
    assert.equal(again.changed, false, String(again.msg));
  });

  it('refuses: a dest that is not a directory, an unknown format, both include and exclude, an extra_opts that runs a program', async () => {
    const notDir = await runModule(unarchiveModule, { src: 'etcd.tar.gz', dest: join(dir, 'nope') }, ctx());
    assert.equal(notDir.failed, true);
    assert.match(String(notDir.msg), /does not exist; unarchive extracts only into an existing directory/);
    await assert.rejects(async () => runModule(unarchiveModule, { src: 'etcd.rar', dest: dir }, ctx()), /cannot tell the format/);
    await assert.rejects(async () => runModule(unarchiveModule, { src: 'etcd.tar.gz', dest: dir, include: ['a'], exclude: ['b'] }, ctx()), /include or exclude, not both/);
    const marker = join(dir, 'ran');
    await assert.rejects(async () => runModule(unarchiveModule, { src: 'etcd.tar.gz', dest: fresh('out-opts'), extra_opts: [`--to-command=touch ${marker}`] }, ctx()), /extra_opts "--to-command=touch .*" is not passed to tar/);
    await assert.rejects(async () => runModule(unarchiveModule, { src: 'etcd.tar.gz', dest: dir, extra_opts: ['--checkpoint=1', '--checkpoint-action=exec=id'] }, ctx()), /is not passed to tar/);
    assert.equal(existsSync(marker), false);
  });

  it('extra_opts --strip-components works; a member with ../ does not land outside dest', async () => {
    const dest = fresh('out-strip');
    assert.equal((await runModule(unarchiveModule, { src: 'etcd.tar.gz', dest, extra_opts: ['--strip-components=1'] }, ctx())).changed, true);
    assert.equal(readFileSync(join(dest, 'bin/etcd'), 'utf8'), '#!/bin/sh\necho etcd\n');
    const evil = join(dir, 'evil');
    mkdirSync(join(evil, 'a'), { recursive: true });
    writeFileSync(join(evil, 'escaped'), 'outside\n');
    execFileSync('tar', ['-cPf', join(dir, 'evil.tar'), '-C', join(evil, 'a'), '../escaped']);
    assert.match(execFileSync('tar', ['-tPf', join(dir, 'evil.tar')]).toString(), /^\.\.\/escaped$/m, 'the archive lacks its ../ member');
    const target = fresh('out-evil');
    await runModule(unarchiveModule, { src: 'evil.tar', dest: target }, ctx()).catch(() => undefined);
    assert.equal(existsSync(join(dir, 'escaped')), false, 'a ../ member was written outside dest');
  });
});
