// Ansible Vault 1.1/1.2 values and files, made by the real ansible-vault (test/fixtures/load/vault).
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decryptVault } from '../../runner/load/vault/decrypt.js';
import { readPasswordFile, setVaultSecrets } from '../../runner/load/vault/secrets.js';
import { readYaml } from '../../runner/load/yaml.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'load', 'vault');
const PW = { password: 'ferry-vault-test-pw' };
const PROD = { label: 'prod', password: 'other-pw-for-prod' };

describe('load: Ansible Vault', () => {
  afterEach(() => setVaultSecrets([]));

  it('decrypts !vault values (1.1, and 1.2 with its vault id) while reading YAML', () => {
    setVaultSecrets([PW, PROD]);
    const src = readYaml(join(DIR, 'inline-vars.yml'));
    assert.deepEqual(src.diagnostics, []);
    assert.deepEqual(src.doc.toJS(), { db_password: 'Hunter2-db-pw', api_token: 'prod-api-token-42', plain: 'visible' });
  });

  it('decrypts a whole encrypted vars file', () => {
    setVaultSecrets([PW]);
    const src = readYaml(join(DIR, 'secret-vars.yml'));
    assert.deepEqual([src.diagnostics, src.doc.toJS()], [[], { file_secret: 'from-an-encrypted-file', port: 2379 }]);
  });

  it('without a password: a located error per value, naming the flags; no ciphertext used as a value', () => {
    const src = readYaml(join(DIR, 'inline-vars.yml'));
    assert.deepEqual(src.diagnostics.map((d) => `${d.line}:${d.col}`), ['2:14', '9:12']);
    for (const d of src.diagnostics) assert.match(d.message, /no vault password was given \(use --vault-password-file, --vault-id or --ask-vault-pass\)/);
    assert.match(readYaml(join(DIR, 'secret-vars.yml')).diagnostics[0].message, /^vault-encrypted file: .*no vault password was given/);
  });

  it('a wrong password, a truncated value: clear errors that hold no plaintext', () => {
    const text = readFileSync(join(DIR, 'secret-vars.yml'), 'utf8');
    assert.throws(() => decryptVault(text, [{ password: 'wrong' }]), /no vault password given opens this value; tried vault id\(s\): default/);
    assert.throws(() => decryptVault(text.slice(0, 200), [PW]), /malformed|not hex/);
    assert.throws(() => decryptVault('$ANSIBLE_VAULT;2.0;AES256\n00', [PW]), /unsupported vault header/);
  });

  it('password files: read (trailing newline dropped) or run when executable', () => {
    assert.deepEqual(readPasswordFile(join(DIR, 'password.txt')), PW);
    const dir = mkdtempSync(join(tmpdir(), 'ferry-vault-'));
    const script = join(dir, 'pw.sh');
    writeFileSync(script, '#!/bin/sh\necho ferry-vault-test-pw\n');
    chmodSync(script, 0o700);
    assert.deepEqual(readPasswordFile(script, 'dev'), { label: 'dev', password: 'ferry-vault-test-pw' });
    assert.throws(() => readPasswordFile(join(dir, 'nope')), /cannot read vault password file .*nope: file not found/);
  });
});
