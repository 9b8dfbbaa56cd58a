// no_log and secret vars never reach an event.
import assert from 'node:assert/strict';
import { CENSORED, MASK } from '../../runner/report/redact.js';
import { inventory, play, runTest, task } from '../helpers/engine.js';

describe('execute: redaction', () => {
  it('no_log: results, output, progress and loop items of the task are censored', async () => {
    const r = await runTest([play([
      task('secret', 'test_cmd', 'echo s3cr3t-value', { noLog: true, loop: ['item-secret'] }),
    ])], inventory({ a: {} }), {}, { a: { replies: [{ match: 'echo', stdout: 's3cr3t-value' }] } });
    const text = JSON.stringify(r.events);
    assert.ok(!text.includes('s3cr3t-value'));
    assert.ok(!text.includes('item-secret'));
    assert.ok(text.includes(CENSORED));
    assert.deepEqual(r.log, ['a: echo s3cr3t-value']);
  });

  it('vars named *_password / *_token or listed in secret_vars are masked wherever they appear', async () => {
    const inv = inventory({ a: { db_password: 'pa55word!', api_token: 'tok-123456', cluster_key: 'k3y-value' } }, {}, { secret_vars: ['cluster_key'] });
    const r = await runTest([play([
      task('show', 'test_cmd', 'connect {{ db_password }} {{ api_token }} {{ cluster_key }}'),
      task('fact', 'test_fact', { new_token: 'fresh-token-1' }),
      task('show2', 'test_echo', { msg: 'token is {{ new_token }}' }),
    ])], inv, { extraVars: { etcd_password: 'extra-pass' } });
    const text = JSON.stringify(r.events);
    for (const secret of ['pa55word!', 'tok-123456', 'k3y-value', 'fresh-token-1']) assert.ok(!text.includes(secret), secret);
    assert.ok(text.includes(MASK));
    assert.deepEqual(r.log, ['a: connect pa55word! tok-123456 k3y-value']);
  });
});
