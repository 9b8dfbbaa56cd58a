// Secrets in what a user sees from a real run on a lab host: a secret printed in two chunks with a
// pause between them (so it really arrives split) is masked with -v and with --json -v, and a
// --diff of a file holding a secret shows it masked, while the file on the host holds the secret.
import assert from 'node:assert/strict';
import { describeRun, ferryCli } from '../helpers/ferry-cli.js';
import { sshRun, useLab, type LabHost } from '../helpers/lab.js';
import { labInventory, workspace, type Workspace } from '../helpers/lab-workspace.js';

const SECRET = 'Hunter2-db-pw';

describe('secrets in the output of a real run', function () {
  this.timeout(120_000);
  const lab = useLab({ hosts: 1 });
  let ws: Workspace;
  let host: LabHost;
  let inv: string;
  let dir: string;

  before(() => {
    ws = workspace('it-secrets');
    host = lab.hosts[0]!;
    dir = `/tmp/ferry-it-secrets-${ws.tag}`;
    inv = ws.write('inventory.yaml', labInventory(lab, [host.name], { db_password: SECRET }));
  });
  after(async () => {
    if (host) await sshRun(host, `rm -rf ${dir}`);
    ws?.remove();
  });

  it('a secret split across output chunks is masked with -v and with --json -v', async () => {
    const book = ws.write('split.yaml', [
      '- hosts: targets',
      '  gather_facts: false',
      '  tasks:',
      "    - shell: printf 'Hunter2-'; sleep .3; printf 'db-pw'; echo",
      '',
    ].join('\n'));
    for (const flags of [['-v'], ['--json', '-v']]) {
      const r = await ferryCli(['play', book, '-i', inv, ...flags], { cwd: ws.dir });
      assert.equal(r.code, 0, describeRun(r));
      // The command itself (in --json results) holds the two halves apart; what it printed may not.
      const out = (r.stdout + r.stderr).split("printf 'Hunter2-'; sleep .3; printf 'db-pw'").join('(the command)');
      assert.ok(!out.includes('Hunter2') && !out.includes('db-pw'), `${flags.join(' ')}: the secret (or a part of it) was shown:\n${out}`);
      assert.match(out, /\*{8}/, `${flags.join(' ')}: the masked secret is shown`);
      if (flags.includes('--json')) {
        const chunks = r.events.filter((e) => e.kind === 'output');
        assert.ok(chunks.length >= 1, 'the output came as output events');
      }
    }
  });

  it('--diff of a file holding a secret masks it; the file on the host holds it', async () => {
    ws.write('templates/app.conf.hbs', 'user=app\npassword={{ db_password }}\n');
    const book = ws.write('diff.yaml', [
      '- hosts: targets',
      '  gather_facts: false',
      '  tasks:',
      `    - file: { path: ${dir}, state: directory }`,
      `    - copy: { dest: ${dir}/copy.conf, content: "password={{ db_password }}\\n" }`,
      `    - template: { src: app.conf.hbs, dest: ${dir}/app.conf }`,
      '',
    ].join('\n'));
    for (const flags of [['--diff'], ['--diff', '--json']]) {
      await sshRun(host, `rm -rf ${dir}`);
      const r = await ferryCli(['play', book, '-i', inv, ...flags], { cwd: ws.dir });
      assert.equal(r.code, 0, describeRun(r));
      const out = r.stdout + r.stderr;
      assert.ok(!out.includes(SECRET), `${flags.join(' ')}: the secret was shown:\n${out}`);
      assert.match(out, /password=\*{8}/, `${flags.join(' ')}: the diff shows the masked line`);
    }
    const onHost = await sshRun(host, `cat ${dir}/copy.conf ${dir}/app.conf`);
    assert.equal(onHost.stdout, `password=${SECRET}\nuser=app\npassword=${SECRET}\n`);
  });
});
