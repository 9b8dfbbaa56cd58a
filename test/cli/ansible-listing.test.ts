// --syntax-check, --list-hosts, --list-tasks, --list-tags and --limit print what ansible-playbook prints
// on the same files (host lines compared sorted: Ansible prints them in set order).
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ansiblePlaybook } from '../helpers/ansible.js';
import { describeRun, ferryCli } from '../helpers/ferry-cli.js';

const FIX = 'test/fixtures/ansible';
const EMPTY = join(tmpdir(), 'ferry-listing-empty.yaml');

// Ansible's set-ordered host lists, sorted within each play.
function normal(text: string): string {
  return text.replace(/((?:\n {6}[^\s][^\n]*)+)/g, (block) => (block.includes('\t') ? block : block.split('\n').sort().join('\n')));
}

const cases: Array<[string, string, string[]]> = [
  ['listing/site.yml', 'listing/inventory.yaml', ['--list-hosts', '--list-tasks']],
  ['listing/site.yml', 'listing/inventory.yaml', ['--list-tags']],
  ['listing/site.yml', 'listing/inventory.yaml', ['--list-tasks', '--tags', 'x', '--skip-tags', 'blk']],
  ['listing/site.yml', 'listing/inventory.yaml', ['--list-hosts', '--limit', 'etcd2:web1']],
  ['listing/site.yml', 'listing/inventory.yaml', ['--syntax-check']],
  ['roles-site/site.yml', '', ['--list-tasks', '-e', 'out=/tmp']],
  ['roles-site/site.yml', '', ['--list-tasks', '--tags', 'app', '-e', 'out=/tmp']],
  ['roles-site/site.yml', '', ['--list-tags', '-e', 'out=/tmp']],
];

describe('cli: --list-* and --syntax-check against ansible-playbook', function () {
  after(() => rmSync(EMPTY, { force: true }));
  this.timeout(600_000);
  before(() => writeFileSync(EMPTY, 'all:\n  hosts: {}\n'));

  for (const [playbook, inventory, flags] of cases) {
    it(`${playbook} ${flags.join(' ')}`, async () => {
      const a = ansiblePlaybook(['-i', inventory ? `${FIX}/${inventory}` : 'localhost,', `${FIX}/${playbook}`, ...flags]);
      const f = await ferryCli(['play', `${FIX}/${playbook}`, '-i', inventory ? `${FIX}/${inventory}` : EMPTY, ...flags]);
      assert.equal(f.code, 0, describeRun(f));
      // Known difference: Ansible lists a dependency again under each role that needs it (it runs once).
      const expected = playbook.startsWith('roles-site') && flags.includes('--list-tasks') ? a.stdout.replace(/\n {6}common : common\tTAGS: \[(app)?\](?=\n {6}app : (config|extra))/g, '') : a.stdout;
      assert.equal(normal(f.stdout), normal(expected));
    });
  }

  it('--limit matching no host exits non-zero, as ansible-playbook does', async () => {
    const a = ansiblePlaybook(['-i', `${FIX}/listing/inventory.yaml`, `${FIX}/listing/site.yml`, '--limit', 'nope']);
    const f = await ferryCli(['play', `${FIX}/listing/site.yml`, '-i', `${FIX}/listing/inventory.yaml`, '--limit', 'nope']);
    assert.notEqual(a.code, 0);
    assert.equal(f.code, 1);
    assert.match(f.stderr, /--limit "nope" matches no host/);
  });
});
