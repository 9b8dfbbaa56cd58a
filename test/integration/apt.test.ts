// apt and package on a real Debian lab host, with a .deb built here (the lab has no network to a
// mirror): installed from the file, idempotent, removed and purged, check mode changing nothing,
// a package already installed left alone, and bad names refused before apt-get runs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeRun, ferryCli, hostResults, type CliRun } from '../helpers/ferry-cli.js';
import { sshRun, useLab, type LabHost } from '../helpers/lab.js';
import { labInventory, workspace, type Workspace } from '../helpers/lab-workspace.js';

describe('apt and package on a lab host', function () {
  this.timeout(180_000);
  const lab = useLab({ hosts: 6 });
  let ws: Workspace;
  let host: LabHost;
  let inv: string;
  const PKG = 'ferry-test-pkg';
  const deb = `/tmp/${PKG}_1.0-1_all.deb`;

  before(() => {
    ws = workspace('it-apt');
    host = lab.hosts[4]!;
    inv = ws.write('inventory.yaml', labInventory(lab, [host.name]));
    const root = join(ws.dir, 'pkgroot');
    mkdirSync(join(root, 'DEBIAN'), { recursive: true });
    mkdirSync(join(root, 'etc'), { recursive: true });
    mkdirSync(join(ws.dir, 'files'), { recursive: true });
    writeFileSync(join(root, 'DEBIAN/control'), `Package: ${PKG}\nVersion: 1.0-1\nArchitecture: all\nMaintainer: ferry <ferry@example.invalid>\nDescription: a package for ferry's apt test\n`);
    writeFileSync(join(root, 'DEBIAN/conffiles'), `/etc/${PKG}.conf\n`);
    writeFileSync(join(root, `etc/${PKG}.conf`), 'setting=1\n');
    execFileSync('dpkg-deb', ['--root-owner-group', '--build', root, join(ws.dir, 'files', `${PKG}.deb`)], { stdio: 'pipe' });
  });
  after(async () => {
    if (host) await sshRun(host, `dpkg --purge ${PKG} >/dev/null 2>&1; rm -f ${deb}`);
    ws?.remove();
  });

  const play = (tasks: string, ...flags: string[]): Promise<CliRun> => {
    const book = ws.write('apt.yaml', `- hosts: targets\n  gather_facts: false\n  tasks:\n${tasks}`);
    return ferryCli(['play', book, '-i', inv, '--json', ...flags], { cwd: ws.dir, timeoutMs: 150_000 });
  };
  const statusOf = async () => (await sshRun(host, `dpkg-query -W -f='\${db:Status-Abbrev}' ${PKG} 2>/dev/null || echo none`)).stdout.trim();
  const results = (r: CliRun) => (hostResults(r).get(host.name) ?? []).map((x) => [x.task, x.status]);

  it('installs a .deb on the host (check mode first: nothing), then reports ok; package for an installed package is ok', async () => {
    const shipped = await play(`    - copy: { src: ${PKG}.deb, dest: ${deb} }\n`);
    assert.equal(shipped.code, 0, describeRun(shipped));
    const tasks = `    - name: ship
      copy: { src: ${PKG}.deb, dest: ${deb} }
    - name: install
      apt: { deb: ${deb} }
    - name: already there
      package: { name: coreutils, state: present }
`;
    const checked = await play(tasks, '--check');
    assert.equal(checked.code, 0, describeRun(checked));
    assert.equal(await statusOf(), 'none', 'check mode installed the package');
    const first = await play(tasks);
    assert.equal(first.code, 0, describeRun(first));
    assert.deepEqual(results(first), [['ship', 'ok'], ['install', 'changed'], ['already there', 'ok']]);
    assert.equal(await statusOf(), 'ii');
    const again = await play(tasks);
    assert.deepEqual(results(again), [['ship', 'ok'], ['install', 'ok'], ['already there', 'ok']], describeRun(again));
  });

  it('absent removes (config kept), purge removes the rest; each a second time is ok', async () => {
    const removed = await play(`    - apt: { name: ${PKG}, state: absent }\n`);
    assert.deepEqual(results(removed), [['apt', 'changed']], describeRun(removed));
    assert.equal(await statusOf(), 'rc', 'remove should keep the config files');
    assert.deepEqual(results(await play(`    - apt: { name: ${PKG}, state: absent }\n`)), [['apt', 'ok']]);
    const purged = await play(`    - apt: { name: ${PKG}, state: absent, purge: true }\n`);
    assert.deepEqual(results(purged), [['apt', 'changed']], describeRun(purged));
    assert.equal(await statusOf(), 'none');
    assert.equal((await sshRun(host, `test -e /etc/${PKG}.conf && echo kept || echo gone`)).stdout.trim(), 'gone');
  });

  it('refuses a name that is an option or holds shell text, before apt-get runs; an unknown package fails naming it', async () => {
    for (const name of ['--reinstall', 'x;touch /tmp/ferry-apt-pwned', 'Bad_Name']) {
      const r = await play(`    - apt: { name: "${name}" }\n`);
      assert.notEqual(r.code, 0);
      assert.match(JSON.stringify(hostResults(r).get(host.name)?.[0]?.result.msg), /is not a Debian package name/, describeRun(r));
    }
    assert.equal((await sshRun(host, 'test -e /tmp/ferry-apt-pwned && echo yes || echo no')).stdout.trim(), 'no');
    const unknown = await play('    - apt: { name: ferry-no-such-package-xyz }\n');
    assert.notEqual(unknown.code, 0);
    assert.match(JSON.stringify(hostResults(unknown).get(host.name)?.[0]?.result), /Unable to locate package ferry-no-such-package-xyz/, describeRun(unknown));
  });
});
