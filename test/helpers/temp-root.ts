// Loaded by mocha before any test file (.mocharc.json `require`): every temp file or folder a test
// makes through os.tmpdir() (and every child it starts: ferry, ansible, sshd) lands in one folder
// of this run, removed when the run ends, so no test leaves files in /tmp even when it fails.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = mkdtempSync(join(tmpdir(), 'ferry-test-'));
process.env.TMPDIR = root;

/** Root hook plugin: removes the run's temp folder after the last test. */
export const mochaHooks = {
  afterAll(): void {
    rmSync(root, { recursive: true, force: true });
  },
};
