// Ansible is the oracle: on every inventory of the corpus (test/fixtures/inventory/corpus/<case>/,
// shaped like the public docs' examples and kubespray's sample), `ferry inventory --list` must
// print what `ansible-inventory --list` prints: the same groups, hosts, children and vars.
// A case's case.json names its -i sources, and optionally a playbook folder (group_vars/ and
// host_vars/ beside a playbook), --export (unmerged vars) and --graph.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { staticActions } from '../../runner/cli/actions/static.js';
import type { CliIo } from '../../runner/cli/io.js';
import { runCli } from '../../runner/cli/program.js';

const CORPUS = join(import.meta.dirname, '..', 'fixtures', 'inventory', 'corpus');

interface Case {
  sources: string[];
  playbookDir?: string;
  export?: boolean;
  graph?: boolean;
}

// ansible-inventory reads group_vars/ beside its working folder as a playbook's: run it from an empty one.
const empty = mkdtempSync(join(tmpdir(), 'ferry-oracle-'));

function ansible(dir: string, c: Case, view: string[]): string {
  const args = [...c.sources.flatMap((s) => ['-i', join(dir, s)]), ...(c.playbookDir ? ['--playbook-dir', join(dir, c.playbookDir)] : []), ...view];
  const r = spawnSync('ansible-inventory', args, { cwd: empty, encoding: 'utf8', env: { ...process.env, ANSIBLE_INVENTORY_UNPARSED_FAILED: 'true', ANSIBLE_NOCOLOR: '1' } });
  assert.equal(r.error, undefined, 'ansible-inventory must be installed (ansible-core; .ci/run installs it)');
  assert.equal(r.status, 0, `ansible-inventory ${args.join(' ')}: ${r.stderr}`);
  assert.doesNotMatch(r.stderr, /Failed to parse|Unable to parse/, r.stderr);
  return r.stdout;
}

async function ferry(dir: string, c: Case, view: string[]): Promise<string> {
  let out = '';
  let err = '';
  const io: CliIo = {
    cwd: dir, env: {}, interactive: false,
    stdout: { write: (t: string) => (out += t), isTTY: false },
    stderr: { write: (t: string) => (err += t) },
  };
  const args = ['inventory', ...c.sources.flatMap((s) => ['-i', s]), ...(c.playbookDir ? ['--playbook-dir', c.playbookDir] : []), ...view];
  assert.equal(await runCli(args, io, staticActions), 0, `ferry ${args.join(' ')}: ${err}`);
  return out;
}

async function compare(dir: string, c: Case): Promise<void> {
  assert.deepEqual(JSON.parse(await ferry(dir, c, ['--list'])), JSON.parse(ansible(dir, c, ['--list'])));
  if (c.export) assert.deepEqual(JSON.parse(await ferry(dir, c, ['--list', '--export'])), JSON.parse(ansible(dir, c, ['--list', '--export'])));
  if (c.graph) assert.equal(await ferry(dir, c, ['--graph']), ansible(dir, c, ['--graph']));
}

describe('ferry inventory --list equals ansible-inventory --list on the corpus', function () {
  this.timeout(60_000);
  after(() => rmSync(empty, { recursive: true, force: true }));

  for (const name of readdirSync(CORPUS).sort()) {
    const dir = join(CORPUS, name);
    const c = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as Case;
    it(name, () => compare(dir, c));
  }

  it("ferry's own --list output, printed by an inventory script, reads back the same", async () => {
    const source = join(CORPUS, 'kubespray-ini');
    const listed = await ferry(source, { sources: ['inventory.ini'] }, ['--list']);
    const dir = mkdtempSync(join(tmpdir(), 'ferry-relist-'));
    try {
      writeFileSync(join(dir, 'listed.json'), listed);
      writeFileSync(join(dir, 'inventory.sh'), '#!/bin/sh\n[ "$1" = --list ] && exec cat "$(dirname "$0")/listed.json"\necho "{}"\n');
      chmodSync(join(dir, 'inventory.sh'), 0o755);
      await compare(dir, { sources: ['inventory.sh'], export: true });
      // ferry also reads that JSON as a plain file (Ansible does not), with the same result.
      assert.deepEqual(JSON.parse(await ferry(dir, { sources: ['listed.json'] }, ['--list'])), JSON.parse(listed));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
