// The vault flags through the CLI: validate and play decrypt with them, and output masks what they open.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../runner/cli/io.js';
import { staticActions } from '../../runner/cli/actions/static.js';
import { runCli } from '../../runner/cli/program.js';

const VAULT = join(import.meta.dirname, '..', 'fixtures', 'load', 'vault');

function io(cwd: string, answer?: string): CliIo & { out: string; err: string } {
  const c = {
    out: '', err: '', cwd, env: {}, interactive: answer !== undefined,
    stdout: { write: (t: string) => (c.out += t), isTTY: false },
    stderr: { write: (t: string) => (c.err += t) },
    ask: async () => answer ?? '',
  };
  return c;
}

describe('cli: vault', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-vault-cli-'));
  writeFileSync(join(dir, 'inv.yml'), 'all:\n  hosts:\n    localhost:\n      ansible_connection: local\n');
  writeFileSync(join(dir, 'site.yml'), [
    '- hosts: localhost', '  gather_facts: false',
    `  vars_files: [${join(VAULT, 'secret-vars.yml')}, ${join(VAULT, 'inline-vars.yml')}]`,
    '  tasks:', '    - debug: { msg: "db={{db_password}} file={{file_secret}} api={{api_token}} plain={{plain}}" }', '',
  ].join('\n'));
  const flags = ['--vault-password-file', join(VAULT, 'password.txt'), '--vault-id', `prod@${join(VAULT, 'prod-password.txt')}`];

  it('validate without a password: exit 1, each vault value located', async () => {
    const c = io(dir);
    assert.equal(await runCli(['validate', 'site.yml', '-i', 'inv.yml'], c, staticActions), 1);
    assert.match(c.err, /secret-vars\.yml:1:1: vault-encrypted file: encrypted with Ansible Vault, but no vault password was given/);
    assert.match(c.err, /inline-vars\.yml:2:14: !vault: /);
  });

  it('play with --vault-password-file and --vault-id: decrypted for the task, masked in the output', async () => {
    const c = io(dir);
    const code = await runCli(['play', 'site.yml', '-i', 'inv.yml', ...flags, '-v'], c, staticActions);
    assert.equal(code, 0, c.err);
    assert.match(c.out, /db=\*+ file=\*+ api=\*+ plain=visible/);
    for (const plain of ['Hunter2-db-pw', 'from-an-encrypted-file', 'prod-api-token-42']) assert.ok(!(c.out + c.err).includes(plain), plain);
  });

  it('--ask-vault-pass asks on the terminal, and needs one', async () => {
    const asked = io(dir, 'ferry-vault-test-pw');
    assert.equal(await runCli(['validate', 'site.yml', '-i', 'inv.yml', '--ask-vault-pass', '--vault-id', `prod@${join(VAULT, 'prod-password.txt')}`], asked, staticActions), 0, asked.err);
    const none = io(dir);
    assert.notEqual(await runCli(['validate', 'site.yml', '-i', 'inv.yml', '--ask-vault-pass'], none, staticActions), 0);
    assert.match(none.err, /--ask-vault-pass .* need a terminal/);
  });
});
