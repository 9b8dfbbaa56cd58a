// Renderers: plain lines, JSON lines, the TTY tree (silent listr), diffs, and secrets absent from all.
import assert from 'node:assert/strict';
import type { FerryEvent } from '../../runner/report/events.js';
import { JsonRenderer } from '../../runner/report/renderers/json.js';
import { PlainRenderer } from '../../runner/report/renderers/plain.js';
import { selectRenderer } from '../../runner/report/renderers/select.js';
import { TtyRenderer } from '../../runner/report/renderers/tty.js';
import type { Output, Renderer } from '../../runner/report/renderers/types.js';
import { inventory, play, runTest, task } from '../helpers/engine.js';

/** A string sink standing in for stdout. */
function sink(isTTY = false): Output & { text: string } {
  return { text: '', isTTY, write(t: string) { this.text += t; } };
}

async function render(r: Renderer, events: FerryEvent[]): Promise<void> {
  for (const e of events) r.handle(e);
  await r.end();
}

async function sampleRun(): Promise<FerryEvent[]> {
  const inv = inventory({ web1: { db_password: 'Sup3rSecret' }, web2: {} });
  const r = await runTest([play([
    task('install', 'test_cmd', 'install pkg'),
    task('login', 'test_cmd', 'login {{ inventory_hostname }}', { noLog: true }),
    task('conf', 'test_echo', { changed: true, diff: [{ path: '/etc/app.conf', before: 'a=1\n', after: 'a=2\n' }] }),
    task('break', 'test_cmd', 'break', { when: ['eq inventory_hostname "web2"'] }),
  ])], inv, { diff: true, verbose: 1 }, {
    web1: { replies: [{ match: 'login', stdout: 'token Sup3rSecret' }] },
    web2: { replies: [{ match: 'break', rc: 2, stderr: 'line1\nboom: disk full' }, { match: 'login', stdout: 'hidden-login-output' }] },
  });
  return r.events;
}

describe('report: renderers', () => {
  it('plain: one line per host result, failure message and stderr tail, diff, recap with total time', async () => {
    const out = sink();
    await render(new PlainRenderer({ out, verbose: 0, diff: true }), await sampleRun());
    assert.match(out.text, /^changed: \[web1\] install \(\d+ ms\)$/m);
    assert.match(out.text, /^skipped: \[web1\] break/m);
    assert.match(out.text, /^failed: \[web2\] break \(\d+ ms\)\n {2}non-zero return code 2\n {2}rc: 2\n {2}stderr:\n {4}line1\n {4}boom: disk full$/m);
    assert.match(out.text, /^ {2}--- before: \/etc\/app.conf$/m);
    assert.match(out.text, /^ {2}-a=1\n {2}\+a=2$/m);
    assert.match(out.text, /^web2 +: ok=3 +changed=3 +unreachable=0 +failed=1/m);
    assert.match(out.text, /^total time: \d+ ms \(some hosts failed\)$/m);
  });

  it('plain: a debug message shows without -v (from its verbosity on); other modules\' messages wait for -v', async () => {
    const events = (await runTest([play([
      task('plan', 'debug', { msg: 'host4 joins with --initial-cluster a=1' }),
      task('detail', 'debug', { msg: 'only with -v', verbosity: 1 }),
      task('quiet', 'test_echo', { msg: 'module chatter' }),
    ])], inventory({ h: {} }))).events;
    const quiet = sink();
    await render(new PlainRenderer({ out: quiet, verbose: 0, diff: false }), events);
    assert.match(quiet.text, /^ok: \[h\] plan \(\d+ ms\)\n {2}host4 joins with --initial-cluster a=1$/m);
    assert.doesNotMatch(quiet.text, /only with -v|module chatter/);
    const loud = sink();
    await render(new PlainRenderer({ out: loud, verbose: 1, diff: false }), events);
    assert.match(loud.text, /^ {2}only with -v$/m);
    assert.match(loud.text, /^ {2}module chatter$/m);
  });

  it('json: one line per task result then the recap, each valid JSON', async () => {
    const out = sink();
    await render(new JsonRenderer({ out }), await sampleRun());
    const lines = out.text.trimEnd().split('\n').map((l) => JSON.parse(l) as FerryEvent);
    assert.equal(lines.filter((e) => e.kind === 'host_result').length, 8);
    assert.equal(lines.at(-1)?.kind, 'recap');
    assert.equal((lines.at(-1) as { ok: boolean }).ok, false);
  });

  it('tty: drives a listr tree and still prints play lines and the recap', async () => {
    const out = sink(true);
    await render(new TtyRenderer({ out, verbose: 0, diff: false }, 'silent'), await sampleRun());
    assert.match(out.text, /PLAY \[test play\] 2 hosts/);
    assert.match(out.text, /RECAP/);
  });

  it('select: plain off a TTY, json under --json, the tree on a TTY', async () => {
    assert.ok((await selectRenderer({ out: sink(), verbose: 0, diff: false })) instanceof PlainRenderer);
    assert.ok((await selectRenderer({ out: sink(true), verbose: 0, diff: false, json: true })) instanceof JsonRenderer);
    // Loaded by a dynamic import: under mocha's require() that is another copy of the module, so the name is compared.
    assert.equal((await selectRenderer({ out: sink(true), verbose: 0, diff: false })).constructor.name, TtyRenderer.name);
  });

  it('no_log output and secret vars are absent from every renderer, even with -v', async () => {
    const events = await sampleRun();
    const outs = [sink(), sink(), sink(true)];
    await render(new PlainRenderer({ out: outs[0], verbose: 2, diff: true }), events);
    await render(new JsonRenderer({ out: outs[1] }), events);
    await render(new TtyRenderer({ out: outs[2], verbose: 2, diff: true }, 'silent'), events);
    for (const out of outs) {
      assert.ok(out.text.length > 0);
      assert.ok(!out.text.includes('Sup3rSecret'), out.text);
      assert.ok(!out.text.includes('hidden-login-output'), out.text);
    }
  });
});
