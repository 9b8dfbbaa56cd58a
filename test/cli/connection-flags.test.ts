// -c ranks below the play's `connection` keyword and the inventory's ansible_connection, as in
// ansible-playbook 2.14 (command-line options < playbook keywords < variables). The host's ssh
// address is a closed port, so a run that wrongly picks ssh fails.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeRun, ferryCli } from '../helpers/ferry-cli.js';

describe('ferry play -c against the connection keyword and ansible_connection', function () {
  this.timeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'ferry-conn-flags-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const play = (keyword: string) => {
    const file = join(dir, `p-${keyword || 'none'}.yml`);
    writeFileSync(file, `- hosts: all\n  gather_facts: false\n${keyword ? `  connection: ${keyword}\n` : ''}  tasks:\n    - command: "true"\n      changed_when: false\n`);
    return file;
  };
  const inventory = (extra: string) => {
    const file = join(dir, `inv-${extra ? 'local' : 'plain'}.ini`);
    writeFileSync(file, `h ansible_host=127.0.0.1 ansible_port=1 ${extra}\n`);
    return file;
  };
  const cases: Array<[string, string, string, string]> = [
    ['-c local alone', '', '', 'local'],
    ['connection: local over -c ssh', 'local', '', 'ssh'],
    ['ansible_connection=local over connection: ssh and -c ssh', 'ssh', 'ansible_connection=local', 'ssh'],
  ];
  for (const [what, keyword, vars, flag] of cases) {
    it(what, async () => {
      const run = await ferryCli(['play', play(keyword), '-i', inventory(vars), '-c', flag]);
      assert.equal(run.code, 0, describeRun(run));
    });
  }
  it('-c local loses to connection: ssh (the closed port is tried)', async () => {
    const run = await ferryCli(['play', play('ssh'), '-i', inventory(''), '-c', 'local']);
    assert.notEqual(run.code, 0, describeRun(run));
    assert.match(run.stdout + run.stderr, /unreachable|refused/i);
  });
});
