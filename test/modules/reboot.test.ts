// The command reboot sends, run for real in bash with a stand-in `shutdown` first in PATH: the
// message arrives as one argument, whatever it holds, and nothing in it runs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detachedReboot } from '../../runner/modules/reboot.js';

describe('reboot: the detached reboot command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-reboot-'));
  const fake = join(dir, 'shutdown');
  writeFileSync(fake, `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a"; done > ${dir}/args\n`);
  chmodSync(fake, 0o755);
  const run = (args: Parameters<typeof detachedReboot>[0]) => {
    rmSync(join(dir, 'args'), { force: true });
    execFileSync('bash', ['-c', detachedReboot(args)], { env: { ...process.env, PATH: `${dir}:${process.env.PATH}` } });
  };
  const waitArgs = async () => {
    for (let i = 0; i < 50 && !existsSync(join(dir, 'args')); i++) await new Promise((r) => setTimeout(r, 100));
    return readFileSync(join(dir, 'args'), 'utf8');
  };

  it('returns at once (detached) and calls shutdown -r now with the message as one argument, hostile or not', async () => {
    const marker = join(dir, 'pwned');
    const msg = `it's $(touch ${marker}) \`touch ${marker}\`; touch ${marker}\nline two`;
    const t0 = Date.now();
    run({ pre_reboot_delay: 0, msg });
    assert.ok(Date.now() - t0 < 900, 'the command waited for the reboot');
    assert.equal(await waitArgs(), `-r\nnow\n${msg}\n`);
    assert.equal(existsSync(marker), false);
  });

  it('a pre_reboot_delay of 120 s is shutdown -r +2, as Ansible rounds it', async () => {
    run({ pre_reboot_delay: 120, msg: 'm' });
    assert.equal(await waitArgs(), '-r\n+2\nm\n');
  });
});
