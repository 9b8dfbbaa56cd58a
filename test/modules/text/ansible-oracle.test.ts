// lineinfile, blockinfile and replace against Ansible itself: each case (cases.ts) is run by
// Ansible's own module (python3 -m ansible.modules.X) on one copy of the file and by ferry's module
// (LocalTransport) on another. Same outcome (changed, failed), same bytes after, the same diff in
// check mode (and nothing written), and no change on a second run.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { modules } from '../../../runner/modules/registry.js';
import { LocalTransport } from '../../../runner/transport/local.js';
import { inBatches, runAnsibleModule } from '../../helpers/ansible-module.js';
import { moduleContext } from '../../helpers/module-context.js';
import { runModule } from '../../helpers/run-module.js';
import { textCases, type TextCase } from './cases.js';

type Outcome = { changed: boolean; failed: boolean; after: string | null; diffAfter?: string };

const read = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : null);

async function viaAnsible(c: TextCase, path: string, check: boolean): Promise<Outcome> {
  const r = await runAnsibleModule(c.module, { path, ...c.args }, { check, diff: true });
  const diff = Array.isArray(r.diff) ? r.diff[0] : r.diff;
  return { changed: !!r.changed, failed: !!r.failed, after: read(path), diffAfter: r.changed ? (diff as { after?: string } | undefined)?.after : undefined };
}

async function viaFerry(c: TextCase, path: string, check: boolean): Promise<Outcome> {
  const { ctx } = moduleContext({ transport: new LocalTransport('localhost'), check, diff: true });
  const r = await runModule(modules.get(c.module)!, { path, ...c.args }, ctx).catch((err: Error) => ({ changed: false, failed: true, msg: err.message }));
  const diff = (r as { diff?: Array<{ after: string }> }).diff?.[0];
  return { changed: r.changed, failed: r.failed, after: read(path), diffAfter: r.changed ? diff?.after : undefined };
}

describe('text modules against Ansible\'s own modules', function () {
  this.timeout(300_000);
  let dir: string;
  const path = (tool: string, c: TextCase) => join(dir, `${tool}-${c.name}`);
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ferry-text-oracle-'));
    for (const c of textCases) for (const tool of ['a', 'f']) if (c.initial !== undefined) writeFileSync(path(tool, c), c.initial);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const both = async (check: boolean) => {
    const ansible = await inBatches(textCases.map((c) => () => viaAnsible(c, path('a', c), check)));
    const ferry: Outcome[] = [];
    for (const c of textCases) ferry.push(await viaFerry(c, path('f', c), check));
    // Deliberate differences are checked against what ferry should leave, not against Ansible.
    for (const [i, c] of textCases.entries()) if (c.differs) assert.equal(check ? ferry[i]!.diffAfter : ferry[i]!.after, c.differs.ferryAfter, `${c.name}: ${c.differs.why}`);
    const same = textCases.map((c, i) => [c, i] as const).filter(([c]) => !c.differs);
    return { ansible: Object.fromEntries(same.map(([c, i]) => [c.name, ansible[i]])), ferry: Object.fromEntries(same.map(([c, i]) => [c.name, ferry[i]])) };
  };
  let checked: Awaited<ReturnType<typeof both>>;

  it('check mode with diff: the same outcome and diff per case, and no file written', async () => {
    checked = await both(true);
    assert.deepEqual(checked.ferry, checked.ansible);
    for (const c of textCases) if (!c.differs) assert.equal(checked.ferry[c.name]!.after, c.initial ?? null, c.name);
  });

  it('for real: the same outcome and the same bytes for every case, as check mode predicted', async () => {
    const real = await both(false);
    const strip = (o: Outcome) => ({ ...o, diffAfter: undefined });
    assert.deepEqual(Object.values(real.ferry).map(strip), Object.values(real.ansible).map(strip));
    for (const c of textCases.filter((x) => !x.differs)) {
      const r = real.ferry[c.name]!;
      assert.equal(r.changed, checked.ferry[c.name]!.changed, `${c.name}: check mode predicted the change`);
      if (r.changed) assert.equal(checked.ferry[c.name]!.diffAfter, r.after, `${c.name}: the check run's diff is what was written`);
    }
    assert.ok(Object.values(real.ferry).filter((o) => o.changed).length >= 25);
    assert.ok(Object.values(real.ferry).filter((o) => o.failed).length === 3);
  });

  it('a second run changes nothing, in either tool', async () => {
    const again = await both(false);
    assert.deepEqual(again.ferry, again.ansible);
    assert.deepEqual(Object.entries(again.ferry).filter(([, o]) => o.changed).map(([n]) => n), []);
  });
});
