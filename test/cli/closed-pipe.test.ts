// `ferry ... | head`: a reader that goes away must not crash ferry with a stack trace.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

describe('cli: output to a closed pipe', function () {
  this.timeout(30_000);

  it('drops the output and exits as the command would, without an error or a stack', async function () {
    if (!existsSync(join(ROOT, 'dist', 'runner', 'cli', 'main.js'))) this.skip();
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'ferry.js'), 'inventory', '-i', 'inventory.example.yaml', '--list'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader is gone before ferry writes anything
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });
});
