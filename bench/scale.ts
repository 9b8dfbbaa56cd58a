// `npm run bench:scale`: one command on hundreds of hosts from one controller. The hosts are sshd ports
// on 127.0.0.1 (bench/anchors/sshd-fleet.ts); ferry at -f 10 and -f N, one OpenSSH process per host,
// and Ansible -f N (pipelining, ControlPersist), each under GNU time for the controller's CPU and RSS.
//
//   npm run bench:scale [-- --hosts 100,500] [--rounds 3] [--ansible-max 500] [--base-port 20000]
//
// The servers' own key exchanges share this machine's cores, so compare ratios and the controller's
// own cost (CPU per host), not absolute times.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ansibleAdhoc, ansibleAvailable, closeAnsibleMasters, writeAnsibleSetup } from './anchors/ansible.js';
import { onePerHost } from './anchors/openssh.js';
import { startFleet } from './anchors/sshd-fleet.js';
import { type Case, type Method, resultRows, runCase } from './lib/case.js';
import { measured } from './lib/exec.js';
import { ferryBin } from './lib/ferry.js';
import { loadNote, markdownTable, textTable } from './lib/table.js';
import { type Target, writeFerryInventory } from './lib/targets.js';

const { values } = parseArgs({
  options: {
    hosts: { type: 'string', default: '100,500' },
    rounds: { type: 'string', default: '3' },
    'ansible-max': { type: 'string', default: '500' },
    // Below Linux's ephemeral range (32768-60999): a port there can be held by one of the runs' own
    // outgoing connections (TIME_WAIT), and sshd then skips it ("Bind to port ... Address already in use").
    'base-port': { type: 'string', default: '20000' },
  },
});

/** The case for the first `n` targets. */
function scaleCase(all: Target[], n: number, dir: string): Case {
  const targets = all.slice(0, n);
  const inv = writeFerryInventory(join(dir, `inventory-${n}.yml`), targets);
  const ansible = writeAnsibleSetup(join(dir, `ansible-${n}`), targets, n);
  const ferry = (forks: number) => ferryBin(['adhoc', 'bench', '-i', inv, '-a', 'true', '-f', String(forks)]);
  const methods: Method[] = [
    { name: `ferry -f ${n}`, run: () => measured(ferry(n)) },
    { name: 'ferry -f 10', run: () => measured(ferry(10)) },
    { name: 'OpenSSH, one process per host', run: () => measured(onePerHost(targets, dir)) },
  ];
  if (ansibleAvailable() && n <= Number(values['ansible-max'])) {
    methods.push({ name: `Ansible -f ${n}`, run: () => measured(ansibleAdhoc(ansible, 'command', 'true')) });
  }
  return { title: `one command on ${n} hosts`, baseline: `ferry -f ${n}`, methods, tolerant: true, cleanup: () => closeAnsibleMasters(ansible) };
}

/** Starts the fleet for the largest count, runs each count, prints the tables. */
async function main(): Promise<void> {
  const counts = values.hosts!.split(',').map(Number);
  const rounds = Number(values.rounds);
  const dir = mkdtempSync(join(tmpdir(), 'ferry-scale-'));
  chmodSync(dir, 0o755); // sshd reads authorized_keys inside it as the fleet user
  const fleet = await startFleet(join(dir, 'fleet'), Math.max(...counts), Number(values['base-port']));
  const out: string[] = [];
  try {
    for (const n of counts) {
      const result = await runCase(scaleCase(fleet.targets, n, dir), rounds, (l) => console.log(l));
      const t = resultRows(result, n);
      const title = `${result.title} (median of ${rounds}; ${loadNote()} at the end)`;
      console.log(`\n${title}\n${textTable(t.header, t.rows)}\n`);
      out.push(`**${title}**\n\n${markdownTable(t.header, t.rows)}\n`);
    }
  } finally {
    await fleet.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`Markdown (npm run bench:scale -- --hosts ${counts.join(',')} --rounds ${rounds}):\n\n${out.join('\n')}`);
}

main().catch((err: unknown) => {
  console.error(`bench:scale: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
