// `npm run bench`: ferry and the tools an operator would pick instead, doing the same work on the same
// lab hosts, alternating, several rounds; prints medians and ratios (text, then Markdown for the README).
//
//   npm run bench [-- --rounds 5] [--cases commands,mixed,adhoc,startup] [--keep]
//   npm run bench -- --cases migrate [--keys 50000] [--size 1024]   # the etcd migration, per phase
//
// Uses the running lab of FERRY_LAB_INSTANCE if it has 6 hosts; otherwise boots one (and tears it
// down at the end unless --keep). Anchors: Debian's ansible-playbook (pipelining, ControlPersist,
// facts off), the same with ansible-mitogen (strategy mitogen_linear), and plain OpenSSH.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { labDir } from '../lab/config.js';
import { labDown } from '../lab/down.js';
import { defaultNames } from '../lab/plan.js';
import { labUp } from '../lab/up.js';
import { ansibleAvailable } from './anchors/ansible.js';
import { adhocCase, startupCase } from './cases/cold.js';
import { commandsCase } from './cases/commands.js';
import { migrationReport } from './cases/migrate.js';
import { mixedCase } from './cases/mixed.js';
import { type Case, resultRows, runCase } from './lib/case.js';
import { loadNote, markdownTable, textTable } from './lib/table.js';
import { labTargets, type Target } from './lib/targets.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    cases: { type: 'string', default: 'commands,mixed,adhoc,startup' },
    keep: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    keys: { type: 'string', default: '50000' },
    size: { type: 'string', default: '1024' },
  },
});

/** The lab's first six hosts, booting a lab when none runs; says whether this run booted it. */
async function hosts(): Promise<{ targets: Target[]; booted: boolean }> {
  try {
    const t = labTargets();
    if (t.length >= 6) return { targets: t.slice(0, 6), booted: false };
  } catch { /* none running: boot one */ }
  console.log(`booting a 6-host lab in ${labDir()}`);
  await labUp({ dir: labDir(), names: defaultNames(6) });
  return { targets: labTargets(), booted: true };
}

/** Builds, runs and prints every case asked for. */
async function main(): Promise<void> {
  const rounds = Number(values.rounds);
  const wanted = values.cases!.split(',');
  // Only the start-up case runs without hosts.
  const { targets, booted } = wanted.every((w) => w === 'startup') ? { targets: [], booted: false } : await hosts();
  const dir = mkdtempSync(join(tmpdir(), 'ferry-bench-'));
  const make: Record<string, () => Case> = {
    commands: () => commandsCase(targets, dir),
    mixed: () => mixedCase(targets, dir),
    adhoc: () => adhocCase(targets, dir),
    startup: () => startupCase(),
  };
  const unknown = wanted.filter((w) => !make[w] && w !== 'migrate');
  if (unknown.length) throw new Error(`unknown case ${unknown.join(', ')}; cases: ${Object.keys(make).join(', ')}, migrate`);
  const say = values.quiet ? () => undefined : (l: string) => console.log(l);
  // An anchor that is not installed is left out of the tables: say so, with what installs it.
  if (wanted.some((w) => ['commands', 'mixed', 'adhoc'].includes(w))) {
    if (!ansibleAvailable()) console.log('note: ansible-playbook is not installed, the Ansible anchors are left out (apt-get install -y ansible-core ansible-mitogen)');
    else if (!ansibleAvailable(true)) console.log('note: ansible-mitogen is not installed, the Mitogen anchor is left out (apt-get install -y ansible-mitogen)');
  }
  const tables: Array<{ title: string; header: string[]; rows: string[][] }> = [];
  try {
    for (const w of wanted) {
      if (w === 'migrate') {
        for (const t of await migrationReport(targets, Number(values.keys), Number(values.size), say)) {
          t.title = `${t.title} (${loadNote()})`;
          tables.push(t);
          console.log(`\n${t.title}\n${textTable(t.header, t.rows)}\n`);
        }
        continue;
      }
      const c = make[w]();
      const result = await runCase(c, rounds, say);
      tables.push({ title: `${c.title} (median of ${rounds} rounds; ${loadNote()} at the end)`, ...resultRows(result) });
      console.log(`\n${tables.at(-1)!.title}, wall time\n${textTable(tables.at(-1)!.header, tables.at(-1)!.rows)}\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (booted && !values.keep) await labDown(labDir());
  }
  const sized = wanted.includes('migrate') && (values.keys !== '50000' || values.size !== '1024') ? ` --keys ${values.keys} --size ${values.size}` : '';
  const timed = wanted.some((w) => w !== 'migrate') ? ` --rounds ${rounds}` : '';
  console.log(`Markdown (npm run bench --${timed} --cases ${wanted.join(',')}${sized}):\n`);
  for (const t of tables) console.log(`**${t.title}**\n\n${markdownTable(t.header, t.rows)}\n`);
}

main().catch((err: unknown) => {
  console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
