// ferry convert on real-world-shaped files (test/fixtures/convert): what it rewrites, what it
// leaves (with locations), that comments and layout stay, that a second run changes nothing,
// and that the converted playbook validates and the converted template renders.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { staticActions } from '../../runner/cli/actions/static.js';
import type { CliIo } from '../../runner/cli/io.js';
import { runCli } from '../../runner/cli/program.js';
import { convertFile } from '../../runner/convert/index.js';
import { loadInventoryAndPlaybook } from '../../runner/load/validate.js';
import { compileTemplate } from '../../runner/template/index.js';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'convert');

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-convert-'));
  cpSync(FIX, dir, { recursive: true });
  return dir;
}

function io(cwd: string): CliIo & { out: string; err: string } {
  const c = { out: '', err: '', cwd, env: {}, interactive: false } as CliIo & { out: string; err: string };
  c.stdout = { write: (t: string) => (c.out += t), isTTY: false };
  c.stderr = { write: (t: string) => (c.err += t) };
  return c;
}

describe('ferry convert', () => {
  it('rewrites the playbook and inventory, lists the lookup it left, and the result validates', async () => {
    const dir = workdir();
    const c = io(dir);
    const code = await runCli(['convert', 'site.yml', 'inventory.yml'], c, staticActions);
    assert.equal(code, 1, 'exit 1: something was left');
    assert.equal(c.err, "site.yml:49:18: not converted: lookup() plugins have no ferry form (set the value in vars or with -e)\n");
    assert.match(c.out, /^site\.yml: 20 rewritten, 1 left as they were \(written\)$/m);
    const site = readFileSync(join(dir, 'site.yml'), 'utf8');
    assert.match(site, /^ {4}etcd_data_dir: \/var\/lib\/etcd {3}# keep on the data disk$/m, 'comments and spacing kept');
    assert.match(site, /^ {6}when: and \(eq inventory_hostname groups\.etcd\.\[0\]\) \(defined etcd_client_port\)$/m);
    assert.match(site, /^ {4}etcd_members: "\{\{ map groups\.etcd 'ansible_host' from=hostvars \}\}"$/m);
    assert.match(site, /^ {10}- not \(defined etcd_missing\)$/m);
    assert.ok(site.includes("{{ lookup (lookup @root.hostvars h) 'ansible_host' }}:{{ @root.etcd_peer_port }}"), 'globals inside a loop are under @root');
    assert.match(site, /^ {10}\{\{#if \(gt \(len etcd_extra_flags\) 0\)\}\}ETCD_EXTRA=\{\{ join etcd_extra_flags " " \}\}\{\{\/if\}\}$/m);
    // The lookup is all that stops validation; without it the converted playbook loads.
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'site.yml'), site.replace(`"{{ lookup('env', 'HOME') }}"`, 'home'));
    const { playbook, inventory } = loadInventoryAndPlaybook(join(dir, 'site.yml'), join(dir, 'inventory.yml'), {});
    assert.equal(playbook.plays[0]!.tasks.length, 7);
    assert.equal(inventory.hosts.size, 2);
  });

  it('a second conversion changes nothing', () => {
    const once = convertFile('site.yml', readFileSync(join(FIX, 'site.yml'), 'utf8'));
    const twice = convertFile('site.yml', once.text);
    assert.equal(twice.text, once.text);
    assert.equal(twice.rewritten, 0);
  });

  it('converts a template; the result renders as Ansible renders the original', () => {
    const t = convertFile('etcd.conf.j2', readFileSync(join(FIX, 'templates', 'etcd.conf.j2'), 'utf8'));
    assert.deepEqual(t.leftovers, [{ line: 11, col: 4, message: '{% set %} has no ferry form (set the variable in vars or with set_fact)' }]);
    const source = t.text.replace('{% set unused = 1 %}\n', '');
    const vars = { inventory_hostname: 'node1', etcd_data_dir: '/var/lib/etcd', etcd_extra_flags: ['--a', '--b'], groups: { etcd: ['node1', 'node2'] }, hostvars: { node1: { ansible_host: '10.0.0.11' }, node2: { ansible_host: '10.0.0.12' } } };
    // What ansible -m template gives for the original (trim_blocks: a block tag's newline goes).
    const ansible = 'name: node1\ndata-dir: /var/lib/etcd\ninitial-cluster: node1=http://10.0.0.11:2380,node2=http://10.0.0.12:2380\n\nextra: --a --b\n';
    assert.equal(compileTemplate(source, 'etcd.conf.hbs', { file: true }).render(vars), ansible);
  });

  it('converts an INI inventory as text, and --dry-run writes nothing', async () => {
    const dir = workdir();
    const c = io(dir);
    assert.equal(await runCli(['convert', '--dry-run', 'hosts.ini'], c, staticActions), 0);
    assert.match(c.out, /^etcd_url=http:\/\/\{\{ ansible_host \}\}:\{\{ default etcd_client_port "2379" \}\}$/m);
    assert.equal(readFileSync(join(dir, 'hosts.ini'), 'utf8'), readFileSync(join(FIX, 'hosts.ini'), 'utf8'));
  });

  it('a missing file is an error naming it', async () => {
    const c = io(workdir());
    assert.equal(await runCli(['convert', 'nope.yml'], c, staticActions), 1);
    assert.match(c.err, /nope\.yml: cannot read: ENOENT/);
  });
});
