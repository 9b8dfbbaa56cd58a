import assert from 'node:assert/strict';
import { mkdtempSync, readlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { maskUnits, MASKED_UNITS } from '../../lab/rootfs/units.js';
import { sudoersLine } from '../../lab/rootfs/accounts.js';
import { launchCommand, nspawnArgs } from '../../lab/container.js';
import { planHosts } from '../../lab/plan.js';

describe('lab/rootfs and container', () => {
  it('masks etcd.service (Debian starts a default etcd) by linking units to /dev/null', () => {
    const root = mkdtempSync(join(tmpdir(), 'ferry-root-'));
    mkdirSync(join(root, 'etc/systemd/system'), { recursive: true });
    writeFileSync(join(root, 'etc/systemd/system/etcd.service'), '[Service]\n');
    maskUnits(root);
    assert.ok(MASKED_UNITS.includes('etcd.service'));
    for (const u of MASKED_UNITS) assert.equal(readlinkSync(join(root, 'etc/systemd/system', u)), '/dev/null');
  });

  it('writes the ops sudo rule with and without NOPASSWD', () => {
    assert.equal(sudoersLine('nopasswd'), 'ops ALL=(ALL:ALL) NOPASSWD: ALL\n');
    assert.equal(sudoersLine('password'), 'ops ALL=(ALL:ALL) ALL\n');
  });

  it('launches nspawn from the host\'s own cgroups, keeping the pid (exec)', () => {
    const [h] = planHosts(['host1'], '/lab');
    const [cmd, args] = launchCommand(h, ['/cg/a/ferry-lab/host1', '/cg/b/ferry-lab/host1']);
    assert.equal(cmd, 'sh');
    assert.equal(args[1], "echo $$ > '/cg/a/ferry-lab/host1/cgroup.procs' && echo $$ > '/cg/b/ferry-lab/host1/cgroup.procs' && exec systemd-nspawn \"$@\"");
    assert.deepEqual(args.slice(3), nspawnArgs(h));
  });

  it('boots nspawn in the host\'s namespace, unregistered, with no journal link to the control machine', () => {
    const [h] = planHosts(['host1'], '/lab');
    const args = nspawnArgs(h);
    assert.deepEqual(args.slice(0, 2), ['-D', '/lab/hosts/host1/root']);
    for (const a of ['--boot', '--register=no', '--keep-unit', '--network-namespace-path=/run/netns/ferry-host1', '--link-journal=no']) {
      assert.ok(args.includes(a), a);
    }
  });
});
