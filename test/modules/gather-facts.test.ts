// gather_facts against Ansible: the same lab host (Debian 12 in systemd-nspawn) read by ferry's
// fact command (ferry-stdout.txt) and by `ansible -m setup` (ansible-setup.json), captured
// minutes apart. Every fact ferry gathers must equal Ansible's, except what moves with time.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GATHERED_NAMES, gatheredFacts } from '../../runner/modules/facts/gather.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'modules', 'facts', 'lab-host');
const ferry = gatheredFacts.parse(readFileSync(join(dir, 'ferry-stdout.txt'), 'utf8'), 0);
const ansible = (JSON.parse(readFileSync(join(dir, 'ansible-setup.json'), 'utf8')) as { ansible_facts: Record<string, unknown> }).ansible_facts;

/** Facts that move between two readings, or that the lab makes differ (see the README). */
const MOVING = new Set(['ansible_date_time', 'ansible_uptime_seconds', 'ansible_memfree_mb', 'ansible_swapfree_mb', 'ansible_env', 'ansible_mounts', 'ansible_facts', 'has_systemd']);
// Ansible lists /sys/class/net, which an nspawn container shares with the machine; ferry lists the host's own links (ip link).
const LAB_ONLY = new Set(['ansible_interfaces']);

describe('gathered facts equal Ansible setup on the same host', () => {
  it('the names gather declares are the names it gives', () => {
    assert.deepEqual(Object.keys(ferry).sort(), [...GATHERED_NAMES].sort());
  });

  for (const name of GATHERED_NAMES.filter((n) => !MOVING.has(n) && !LAB_ONLY.has(n))) {
    it(`${name} = ${JSON.stringify(ansible[name])}`, () => assert.deepEqual(ferry[name], ansible[name]));
  }

  it('ansible_distribution_version is Debian\'s point release, as Ansible says', () => {
    assert.match(String(ferry.ansible_distribution_version), /^12\.\d+$/);
  });

  it('ansible_mounts: the same mounts, devices, types, options and sizes', () => {
    const stable = (ms: unknown) => (ms as Array<Record<string, unknown>>).map(({ mount, device, fstype, options, block_size, block_total, size_total, inode_total, uuid }) => ({ mount, device, fstype, options, block_size, block_total, size_total, inode_total, uuid }));
    assert.deepEqual(stable(ferry.ansible_mounts), stable(ansible.ansible_mounts));
  });

  it('ansible_date_time: the same keys, formats and timezone', () => {
    const f = ferry.ansible_date_time as Record<string, string>;
    const a = ansible.ansible_date_time as Record<string, string>;
    assert.deepEqual(Object.keys(f).sort(), Object.keys(a).sort());
    for (const k of Object.keys(a)) assert.equal(f[k]!.replace(/\d/g, '0'), a[k]!.replace(/\d/g, '0'), k);
    assert.ok(Math.abs(Number(f.epoch) - Number(a.epoch)) < 3600, 'read within the hour');
    assert.equal(f.tz, a.tz);
  });

  it('ansible_env holds what Ansible sees (HOME, PATH, USER...)', () => {
    const a = ansible.ansible_env as Record<string, string>;
    const f = ferry.ansible_env as Record<string, string>;
    for (const k of ['HOME', 'USER', 'LOGNAME', 'SHELL']) assert.equal(f[k], a[k], k);
  });

  it('ansible_facts holds every fact without the prefix', () => {
    const facts = ferry.ansible_facts as Record<string, unknown>;
    assert.equal(facts.distribution_version, ferry.ansible_distribution_version);
    assert.deepEqual(facts.default_ipv4, ferry.ansible_default_ipv4);
  });
});
