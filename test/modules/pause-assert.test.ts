// pause (time, abort, prompts) and assert through the real template evaluator.
import assert from 'node:assert/strict';
import { assertModule } from '../../runner/modules/assert.js';
import { pauseModule } from '../../runner/modules/pause.js';
import { moduleContext } from '../helpers/module-context.js';

describe('pause', () => {
  it('waits the seconds given', async () => {
    const start = Date.now();
    const r = await pauseModule.run({ seconds: 0.2 }, moduleContext().ctx);
    assert.equal(r.failed, false);
    assert.ok(Date.now() - start >= 190);
  });

  it('ends early when the run is aborted', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const start = Date.now();
    const r = await pauseModule.run({ minutes: 5 }, moduleContext({ signal: ac.signal }).ctx);
    assert.equal(r.failed, true);
    assert.ok(Date.now() - start < 1000);
  });

  it('fails clearly when a prompt has no TTY', async () => {
    await assert.rejects(pauseModule.run({ prompt: 'Proceed with etcd2?' }, moduleContext().ctx), /needs an interactive terminal to ask "Proceed with etcd2\?"/);
  });

  it('asks on a TTY and returns the answer', async () => {
    const { ctx } = moduleContext({ interactive: true, prompt: async (q) => `yes to ${q}` });
    assert.equal((await pauseModule.run({ prompt: 'go' }, ctx)).user_input, 'yes to go');
  });
});

describe('assert', () => {
  it('is declared with `that` as a condition, left untemplated by the engine', () => {
    assert.deepEqual(assertModule.argRoles, { conditions: ['that'] });
  });

  it('names the template and host when a condition uses an undefined variable', async () => {
    await assert.rejects(assertModule.run({ that: 'eq missing 1' }, moduleContext({ vars: {} }).ctx), /missing/);
  });
});
