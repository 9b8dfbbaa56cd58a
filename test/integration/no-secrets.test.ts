// No secret in any output: the SSH password, a key's passphrase and the become password, each
// right and wrong (a failed login too), in plain, -vvv and --json output, and in a refusal at
// validation; every run's stdout and stderr is searched for each secret.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { describeRun, ferryCli, type CliRun } from '../helpers/ferry-cli.js';
import { useLab } from '../helpers/lab.js';
import { labInventory, workspace, type Workspace } from '../helpers/lab-workspace.js';

const PASSPHRASE = 'Pass-Phrase-5521';
const WRONG = ['Wrong-Login-8813', 'Wrong-Phrase-7741', 'Wrong-Become-6632'];

describe('no secret in any output, on real hosts', function () {
  this.timeout(300_000);
  const lab = useLab({ hosts: 6 });
  let ws: Workspace;
  let home: string;
  let key: string;
  const runs: Array<[string, CliRun]> = [];
  before(() => {
    ws = workspace('it-no-secrets');
    home = join(ws.dir, 'home');
    mkdirSync(join(home, '.ssh'), { recursive: true, mode: 0o700 });
    key = join(ws.dir, 'encrypted_key');
    copyFileSync(lab.privateKey, key);
    execFileSync('ssh-keygen', ['-q', '-p', '-P', '', '-N', PASSPHRASE, '-f', key]);
  });
  after(() => ws?.remove());

  const secrets = () => [lab.opsPassword, PASSPHRASE, ...WRONG];
  const inventory = (name: string, vars: Record<string, unknown>) => {
    const inv = parse(labInventory(lab, [lab.passwordHost], { ssh_user: 'ops', ...vars }));
    if (!('ssh_private_key_file' in vars)) delete inv.all.vars.ssh_private_key_file;
    return ws.write(`${name}.yaml`, stringify(inv));
  };
  const env = (extra: Record<string, string> = {}) => ({ HOME: home, SSH_AUTH_SOCK: '', ...extra });
  const modes: string[][] = [[], ['-vvv'], ['--json']];

  const cases: Array<{ what: string; ok: boolean; args: () => string[]; env: () => Record<string, string> }> = [
    { what: 'password login', ok: true, args: () => ['-i', inventory('pw', { ansible_password: lab.opsPassword })], env: () => env() },
    { what: 'wrong password', ok: false, args: () => ['-i', inventory('pw-bad', { ansible_password: WRONG[0] })], env: () => env() },
    { what: 'password from --password-env', ok: true, args: () => ['-i', inventory('pw-env', {}), '--password-env', 'PW'], env: () => env({ PW: lab.opsPassword }) },
    { what: 'key passphrase', ok: true, args: () => ['-i', inventory('key', { ssh_private_key_file: key }), '--key-passphrase-env', 'KP'], env: () => env({ KP: PASSPHRASE }) },
    { what: 'wrong key passphrase', ok: false, args: () => ['-i', inventory('key-bad', { ssh_private_key_file: key }), '--key-passphrase-env', 'KP'], env: () => env({ KP: WRONG[1]! }) },
    { what: 'become password', ok: true, args: () => ['-i', inventory('become', { ssh_private_key_file: lab.privateKey }), '-b', '--become-password-env', 'BP'], env: () => env({ BP: lab.opsPassword }) },
    { what: 'wrong become password', ok: false, args: () => ['-i', inventory('become-bad', { ssh_private_key_file: lab.privateKey }), '-b', '--become-password-env', 'BP'], env: () => env({ BP: WRONG[2]! }) },
  ];

  for (const c of cases) {
    it(`${c.what}: ${c.ok ? 'works' : 'fails'}, in plain, -vvv and --json output no secret shows`, async () => {
      for (const mode of modes) {
        const r = await ferryCli(['adhoc', 'all', ...c.args(), '-a', 'id -un', ...mode], { env: c.env() });
        runs.push([`${c.what} ${mode.join(' ')}`, r]);
        assert.equal(r.code, c.ok ? 0 : 1, describeRun(r));
        for (const s of secrets()) assert.ok(!`${r.stdout}\n${r.stderr}`.includes(s), `${c.what} ${mode.join(' ')}: a secret was printed:\n${describeRun(r)}`);
      }
    });
  }

  it('a refusal at validation (a bad port beside a password) does not echo the password', async () => {
    const inv = inventory('refused', { ansible_password: lab.opsPassword, ssh_port: 'ssh' });
    const book = ws.write('pb.yml', '- hosts: all\n  gather_facts: false\n  tasks:\n    - command: "true"\n');
    for (const mode of modes) {
      const r = await ferryCli(['play', book, '-i', inv, ...mode], { env: env() });
      assert.equal(r.code, 1, describeRun(r));
      assert.match(`${r.stdout}${r.stderr}`, /ssh_port/);
      for (const s of secrets()) assert.ok(!`${r.stdout}\n${r.stderr}`.includes(s), `a secret was printed:\n${describeRun(r)}`);
    }
  });
});
