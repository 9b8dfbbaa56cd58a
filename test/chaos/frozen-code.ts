// The chaos suite runs for an hour or more; a rebuild or a rebase in the worktree meanwhile once
// changed the playbooks under it (new playbooks, old dist/) and voided a run. So the suite copies
// what ferry runs from (bin, dist, playbooks, templates, package.json; node_modules linked) once
// at its start, and every ferry run of the suite, reruns included, uses that copy.
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/ferry-run.js';

/** What a frozen copy holds. */
const PARTS = ['bin', 'dist', 'playbooks', 'templates', 'package.json'];

/** A frozen copy of the runnable tree; `root` for ferryPlay, `playbook` inside it, `remove()` at the end. */
export function freezeCode(from = REPO_ROOT): { root: string; playbook: (rel: string) => string; remove: () => void } {
  if (!existsSync(join(from, 'dist', 'runner', 'cli', 'main.js'))) throw new Error(`chaos: ${from}/dist is not built (npm run build)`);
  const root = mkdtempSync(join(tmpdir(), 'ferry-chaos-code-'));
  for (const p of PARTS) cpSync(join(from, p), join(root, p), { recursive: true });
  symlinkSync(join(from, 'node_modules'), join(root, 'node_modules'));
  return { root, playbook: (rel) => join(root, rel), remove: () => rmSync(root, { recursive: true, force: true }) };
}
