// Ways to log in on real lab hosts: default key files in a temp HOME (no key var, no agent), an
// encrypted key with its passphrase from the environment, and a password; no secret is printed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { describeRun, ferryCli } from '../helpers/ferry-cli.js';
import { useLab } from '../helpers/lab.js';
import { labInventory, workspace, type Workspace } from '../helpers/lab-workspace.js';

describe('ssh: logging in with default keys, an encrypted key, a password', function () {
  this.timeout(120_000);
  const lab = useLab({ hosts: 6 });
  let ws: Workspace;
  let home: string;
  before(() => {
    ws = workspace('it-ssh-auth');
    home = join(ws.dir, 'home');
    mkdirSync(join(home, '.ssh'), { recursive: true, mode: 0o700 });
  });
  after(() => ws?.remove());
  const noKeyVars = (hosts: string[], vars: Record<string, unknown> = {}) => {
    const inv = parse(labInventory(lab, hosts, vars));
    if (!('ssh_private_key_file' in vars)) delete inv.all.vars.ssh_private_key_file;
    return ws.write(`inv-${Object.keys(vars).join('-') || 'plain'}.yaml`, stringify(inv));
  };
  const env = () => ({ HOME: home, SSH_AUTH_SOCK: '' });

  it('with no key file and no agent, tries ~/.ssh/id_ed25519, id_ecdsa, id_rsa as ssh does', async () => {
    const inv = noKeyVars([lab.hosts[0]!.name]);
    const none = await ferryCli(['adhoc', 'all', '-i', inv, '-a', 'true'], { env: env() });
    assert.equal(none.code, 1, describeRun(none));
    assert.match(none.stdout, /no way to authenticate as root: no key file .*id_ed25519, .*id_ecdsa, .*id_rsa\)/);
    copyFileSync(lab.privateKey, join(home, '.ssh', 'id_rsa'));
    const r = await ferryCli(['adhoc', 'all', '-i', inv, '-a', 'cat /etc/hostname'], { env: env() });
    assert.equal(r.code, 0, describeRun(r));
    assert.match(r.stdout, new RegExp(`\\[${lab.hosts[0]!.name}\\] ${lab.hosts[0]!.name}$`, 'm'));
  });

  it('an encrypted key: refused with a clear way out without its passphrase, used with --key-passphrase-env; never printed', async () => {
    const key = join(home, '.ssh', 'id_ed25519');
    copyFileSync(lab.privateKey, key);
    execFileSync('ssh-keygen', ['-q', '-p', '-P', '', '-N', 'Open-Sesame-42', '-f', key]);
    const inv = noKeyVars([lab.hosts[1]!.name], { ssh_private_key_file: key });
    const without = await ferryCli(['adhoc', 'all', '-i', inv, '-a', 'true'], { env: env() });
    assert.equal(without.code, 1, describeRun(without));
    assert.match(without.stdout, /private key file .*id_ed25519 is encrypted: give its passphrase with --key-passphrase-env VAR or --ask-key-passphrase/);
    const wrong = await ferryCli(['adhoc', 'all', '-i', inv, '-a', 'true', '--key-passphrase-env', 'PP'], { env: { ...env(), PP: 'nope' } });
    assert.match(wrong.stdout, /the passphrase given does not decrypt it/);
    const r = await ferryCli(['adhoc', 'all', '-i', inv, '-a', 'true', '-v', '--key-passphrase-env', 'PP', '--json'], { env: { ...env(), PP: 'Open-Sesame-42' } });
    assert.equal(r.code, 0, describeRun(r));
    assert.ok(!`${r.stdout}${r.stderr}${wrong.stdout}${wrong.stderr}`.includes('Open-Sesame-42'), 'the passphrase was printed');
  });

  it('password login (ansible_password, or --password-env); a wrong one names what was tried; the password is never printed', async () => {
    const host = lab.passwordHost;
    // A HOME without keys: the earlier cases left the lab key as ~/.ssh/id_rsa, which ops accepts too.
    home = join(ws.dir, 'home-no-keys');
    mkdirSync(join(home, '.ssh'), { recursive: true, mode: 0o700 });
    const vars = { ssh_user: 'ops', ansible_password: lab.opsPassword };
    const inv = noKeyVars([host], vars);
    const r = await ferryCli(['adhoc', 'all', '-i', inv, '-a', 'id -un', '-v', '--json'], { env: env() });
    assert.equal(r.code, 0, describeRun(r));
    assert.match(r.stdout, /"stdout":"ops",/);
    const viaEnv = await ferryCli(['adhoc', 'all', '-i', noKeyVars([host], { ssh_user: 'ops' }), '-a', 'true', '--password-env', 'PW'], { env: { ...env(), PW: lab.opsPassword } });
    assert.equal(viaEnv.code, 0, describeRun(viaEnv));
    const bad = await ferryCli(['adhoc', 'all', '-i', noKeyVars([host], { ssh_user: 'ops', ansible_ssh_pass: 'Wrong-Pass-9' }), '-a', 'true'], { env: env() });
    assert.equal(bad.code, 1, describeRun(bad));
    assert.match(bad.stdout, /authentication failed for user ops at .* \(user from inventory var ssh_user\); tried password, keyboard-interactive password/);
    for (const out of [r, viaEnv, bad]) {
      assert.ok(!`${out.stdout}${out.stderr}`.includes(lab.opsPassword) && !`${out.stdout}${out.stderr}`.includes('Wrong-Pass-9'), 'a password was printed');
    }
  });
});
