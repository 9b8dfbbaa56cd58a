// no_log and secret vars never reach an event.
import assert from 'node:assert/strict';
import type { FerryEvent } from '../../runner/report/events.js';
import { CENSORED, MASK, addSecret, createRedactor, maskSecretVars } from '../../runner/report/redact.js';
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

  it('task-level and nested secret vars, loop items and fail messages are masked', async () => {
    const inv = inventory({ a: { nested: { inner_password: 'inner-s3cret' } } });
    const r = await runTest([play([
      task('task vars', 'test_echo', { msg: 'pw {{ task_password }} and {{ nested.inner_password }}' }, { vars: { task_password: 'task-s3cret' } }),
      task('loop', 'test_echo', { msg: 'item {{ item }}' }, { loop: ['{{ nested.inner_password }}'] }),
      task('fail', 'fail', { msg: 'wrong password {{ db_password }}' }, { vars: { db_password: 'fail-s3cret' } }),
    ])], inv);
    const text = JSON.stringify(r.events);
    for (const secret of ['inner-s3cret', 'task-s3cret', 'fail-s3cret']) assert.ok(!text.includes(secret), `${secret} in ${text}`);
  });

  it('a registered no_log result stays hidden when a later task prints it', async () => {
    const r = await runTest([play([
      task('read', 'test_cmd', 'cat key', { noLog: true, register: 'key' }),
      task('show', 'test_echo', { msg: 'key is {{ key.stdout }}' }),
    ])], inventory({ a: {} }), {}, { a: { replies: [{ match: 'cat key', stdout: 'registered-s3cret' }] } });
    assert.ok(!JSON.stringify(r.events).includes('registered-s3cret'));
  });

  it('transformed secrets (shq, json, b64, upper) are masked', async () => {
    const inv = inventory({ a: { db_password: "Hunter2 'db\"pw" } });
    const r = await runTest([play([
      task('t', 'test_echo', { msg: '{{ shq db_password }} {{ json db_password }} {{ b64 db_password }} {{ upper db_password }}' }),
    ])], inv);
    const text = JSON.stringify(r.events.filter((e) => e.kind === 'host_result'));
    assert.ok(!/Hunter2|HUNTER2|SHVudGVy/.test(text), text);
  });

  it('a secret split across two output chunks is masked', () => {
    const secrets = new Set<string>();
    addSecret('Hunter2-db-pw', secrets);
    const redact = createRedactor(secrets);
    const chunk = (text: string): FerryEvent => ({ kind: 'output', task: 't', host: 'a', stream: 'stdout', text });
    const out = [...redact(chunk('pw: Hunter2-')), ...redact(chunk('db-pw done')), ...redact({ kind: 'host_result', task: 't', host: 'a', status: 'ok', result: { changed: false, failed: false } } as FerryEvent)];
    const text = out.map((e) => (e.kind === 'output' ? e.text : '')).join('');
    assert.equal(text, `pw: ${MASK} done`);
    const unfinished = [...redact(chunk('Hunt')), ...redact({ kind: 'host_result', task: 't', host: 'a', status: 'ok', result: { changed: false, failed: false } } as FerryEvent)];
    assert.equal(unfinished.map((e) => (e.kind === 'output' ? e.text : '')).join(''), 'Hunt', 'held text is released at the end of the task');
  });

  it("a URL's password is masked in every event, from whatever var or output it came", async () => {
    const inv = inventory({ a: { mirror: 'https://deploy:Tr0ub4dor@repo.example/apt' } });
    const r = await runTest([play([
      task('fetch', 'test_cmd', 'curl {{ mirror }}/key.gpg http://10.0.0.1:2379/health'),
      task('show', 'test_echo', { msg: 'etcd at etcd://root:pa%40ss@10.0.0.2:2379 and https://user@host/' }),
    ])], inv, {}, { a: { replies: [{ match: 'curl', stdout: 'fetched https://deploy:Tr0ub4dor@repo.example/apt/key.gpg' }] } });
    const text = JSON.stringify(r.events);
    assert.ok(!text.includes('Tr0ub4dor') && !text.includes('pa%40ss'), text);
    assert.ok(text.includes(`https://deploy:${MASK}@repo.example/apt/key.gpg`), text);
    assert.ok(text.includes(`etcd://root:${MASK}@10.0.0.2:2379 and https://user@host/`), text);
    assert.ok(text.includes('http://10.0.0.1:2379/health'), 'a URL without a password is left alone');
    // The command itself still ran with the password.
    assert.deepEqual(r.log, ['a: curl https://deploy:Tr0ub4dor@repo.example/apt/key.gpg http://10.0.0.1:2379/health']);
  });

  it('vars printed as vars (ferry inventory) have every secret-named value masked, deep', () => {
    assert.deepEqual(maskSecretVars({ a: 1, db_password: 'x', nested: { inner_token: 'y', list: [{ k_secret: 'z' }] }, secret_vars: ['key'], key: 'v' }),
      { a: 1, db_password: MASK, nested: { inner_token: MASK, list: [{ k_secret: MASK }] }, secret_vars: ['key'], key: MASK });
    assert.deepEqual(maskSecretVars({ mirror: 'https://deploy:Tr0ub4dor@repo.example/apt', plain: 'http://10.0.0.1:2379' }),
      { mirror: `https://deploy:${MASK}@repo.example/apt`, plain: 'http://10.0.0.1:2379' });
  });
});
