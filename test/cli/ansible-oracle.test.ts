// The same playbooks run by ansible-playbook and by ferry (local connection): the order of what ran,
// the files written and the recap agree. Each step appends a line to a log, so the log is the order.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ansiblePlaybook } from '../helpers/ansible.js';
import { describeRun, ferryCli, recapOf } from '../helpers/ferry-cli.js';

const FIX = 'test/fixtures/ansible';
/** Folders and files the runs wrote, removed after the suite. */
const made: string[] = [];

/** Runs `playbook` with both tools, each into its own output folder. */
async function both(playbook: string, extra: string[] = []): Promise<{ ansible: string; ferry: string; recap: ReturnType<typeof recapOf>; ansibleOut: string }> {
  const a = mkdtempSync(join(tmpdir(), 'ferry-oracle-a-'));
  const f = mkdtempSync(join(tmpdir(), 'ferry-oracle-f-'));
  const inv = join(f, '..', `${f.split('/').pop()}-inv.yaml`);
  writeFileSync(inv, 'all:\n  hosts: {}\n');
  made.push(a, f, inv);
  const ar = ansiblePlaybook(['-i', 'localhost,', '-c', 'local', playbook, '-e', `out=${a}`, ...extra]);
  assert.equal(ar.code, 0, ar.stdout + ar.stderr);
  const fr = await ferryCli(['play', playbook, '-i', inv, '-e', `out=${f}`, '--json', ...extra]);
  assert.equal(fr.code, 0, describeRun(fr));
  return { ansible: a, ferry: f, recap: recapOf(fr), ansibleOut: ar.stdout };
}

describe('ansible-playbook and ferry on the same files', function () {
  this.timeout(900_000);
  after(() => made.forEach((p) => rmSync(p, { recursive: true, force: true })));

  it('roles (dependencies once, defaults < play vars < role vars, templates/ and files/, handlers), pre/post_tasks, import_role, include_tasks with loop and when, import_tasks with vars and tags', async () => {
    const r = await both(`${FIX}/roles-site/site.yml`);
    const log = readFileSync(join(r.ferry, 'log'), 'utf8');
    assert.equal(log, readFileSync(join(r.ansible, 'log'), 'utf8'));
    assert.equal(log, [
      'pre', 'common', 'app port=2380 level=role-vars', 'extra name=app', 'item one', 'item two', 'tagged imported', 'common', 'handler',
      'post shared=play level=role-vars name=app', '',
    ].join('\n'));
    for (const file of ['app.conf', 'motd']) assert.equal(readFileSync(join(r.ferry, file), 'utf8'), readFileSync(join(r.ansible, file), 'utf8'));
    assert.match(r.ansibleOut, /localhost\s+: ok=14\s+changed=12\s+unreachable=0\s+failed=0\s+skipped=1/);
    assert.deepEqual(r.recap.localhost, { ok: 14, changed: 12, unreachable: 0, failed: 0, skipped: 1, rescued: 0, ignored: 0 });
  });

  it('with_items (flattened), with_dict, with_fileglob, local_action, throttle, diff, become_method, meta flush_handlers / end_play / end_host', async () => {
    const r = await both(`${FIX}/keywords/site.yml`);
    const log = readFileSync(join(r.ferry, 'log'), 'utf8');
    assert.equal(log, readFileSync(join(r.ansible, 'log'), 'utf8'));
    const glob = join(process.cwd(), FIX, 'keywords/files/conf/a.conf');
    assert.equal(log, ['items a', 'items b', 'items c', 'dict first=1', 'dict second=2', `glob ${glob}`, 'local', 'handler', 'after flush', 'last play', ''].join('\n'));
    assert.match(r.ansibleOut, /localhost\s+: ok=8\s+changed=8\s+unreachable=0\s+failed=0\s+skipped=0/);
    assert.deepEqual(r.recap.localhost, { ok: 8, changed: 8, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 });
  });
});
