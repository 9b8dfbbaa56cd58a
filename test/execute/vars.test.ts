// Variable precedence and magic vars.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inventory, play, runTest, task } from '../helpers/engine.js';

describe('execute: variables', () => {
  it('inventory < play vars < vars_files < facts < task vars < loop var < extra vars', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-vars-'));
    writeFileSync(join(dir, 'vf.yaml'), 'v_file: file\nv_fact: file\n');
    const inv = inventory({ a: { v_inv: 'inv', v_play: 'inv', v_extra: 'inv' } });
    const r = await runTest([play([
      task('fact', 'test_fact', { v_fact: 'fact', v_task: 'fact' }),
      task('show', 'test_echo', {
        all: '{{ v_inv }} {{ v_play }} {{ v_file }} {{ v_fact }} {{ v_task }} {{ item }} {{ v_extra }}',
      }, { vars: { v_task: 'task', item: 'task' }, loop: ['loop'] }),
    ], { vars: { v_play: 'play', v_file: 'play', v_extra: 'play' }, varsFiles: [join(dir, 'vf.yaml')] })], inv, { extraVars: { v_extra: 'extra' } });
    const shown = r.events.find((e) => e.kind === 'host_result' && e.task === 'show' && e.item !== undefined);
    rmSync(dir, { recursive: true, force: true });
    assert.equal(shown?.kind === 'host_result' && shown.result.all, 'inv play file fact task loop extra');
  });

  it('extra vars win over set_fact and register', async () => {
    const r = await runTest([play([task('f', 'test_fact', { x: 'fact' }), task('show', 'test_echo', { x: '{{ x }}' })])], inventory({ a: {} }), { extraVars: { x: 'extra' } });
    assert.equal(r.results('show')[0].result.x, 'extra');
  });

  it('magic vars: inventory_hostname, groups, group_names, play_hosts, hostvars', async () => {
    const inv = inventory({ a: { ip: '10.0.0.1' }, b: { ip: '10.0.0.2' } }, { etcd: ['a', 'b'] });
    const r = await runTest([play([task('show', 'test_echo', {
      me: '{{ inventory_hostname }}', etcd: '{{ groups.etcd }}', mine: '{{ group_names }}', ph: '{{ play_hosts }}', other: '{{ hostvars.b.ip }}',
    })], { hosts: 'etcd' })], inv);
    const a = r.results('show').find((e) => e.host === 'a')!.result;
    assert.deepEqual([a.me, a.etcd, a.mine, a.ph, a.other], ['a', ['a', 'b'], ['etcd'], ['a', 'b'], '10.0.0.2']);
  });

  it('vars may refer to other vars and to facts gathered later', async () => {
    const r = await runTest([play([
      task('f', 'test_fact', { port: 2379 }),
      task('show', 'test_echo', { url: '{{ url }}' }),
    ], { vars: { url: 'http://{{ ip }}:{{ port }}' } })], inventory({ a: { ip: '10.1.1.1' } }));
    assert.equal(r.results('show')[0].result.url, 'http://10.1.1.1:2379');
  });

  it('become: task > play > inventory, with the become password passed and never shown', async () => {
    const inv = inventory({ a: { become: true, become_user: 'etcd' } });
    const events: unknown[] = [];
    const r = await runTest([play([
      task('inv', 'test_cmd', 'whoami'),
      task('task', 'test_cmd', 'whoami', { becomeUser: 'postgres' }),
      task('off', 'test_cmd', 'whoami', { become: false }),
    ])], inv, { becomePassword: 'hunter2-secret' });
    events.push(...r.events);
    assert.deepEqual(r.transports.get('a')!.commands.map((c) => c.become), ['etcd', 'postgres', undefined]);
    assert.ok(!JSON.stringify(events).includes('hunter2-secret'));
  });

  it('a value that fails to render names the task by file:line:col, then the place in the value and the host', async () => {
    const r = await runTest([play([task('show', 'test_echo', { m: 'x {{ foo.bar }}' })], { vars: { foo: {} } })], inventory({ a: {} }));
    assert.equal(String(r.results('show')[0]?.result.msg), 'test.yaml:1:1: task "show": variable "foo.bar" is not defined (at 1:6 of the value) (host a)');
  });

  it('become_user is templated per host, and a rendered value that is not a user name is refused, naming task and value', async () => {
    const inv = inventory({ a: { become: true, who: 'etcd' }, b: { become: true, who: '-u root; id' } });
    const r = await runTest([play([task('as who', 'test_cmd', 'whoami', { becomeUser: '{{ who }}' })])], inv);
    assert.deepEqual(r.transports.get('a')!.commands.map((c) => c.become), ['etcd']);
    assert.deepEqual(r.transports.get('b')!.commands, [], 'nothing ran as a refused user');
    const [refused] = r.results('as who').filter((e) => e.host === 'b');
    assert.equal(refused?.status, 'failed');
    assert.match(String(refused?.result.msg), /^test\.yaml:1:1: task "as who": become_user "-u root; id" \(from "\{\{ who \}\}"\) is not a user name$/);
  });
});
