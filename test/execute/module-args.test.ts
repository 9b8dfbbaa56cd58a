// Module arguments are checked against the module's schema AFTER templating: a rendered value the
// schema refuses never reaches a command, the error names file:line:col, task, host and the value,
// the schema's defaults are applied, and rendered text is coerced to the declared type.
import { strict as assert } from 'node:assert';
import { checkRenderedArgs } from '../../runner/modules/args.js';
import { debugModule } from '../../runner/modules/debug.js';
import { fileModule } from '../../runner/modules/file.js';
import { waitForModule } from '../../runner/modules/wait_for.js';
import { inventory, play, runTest, task } from '../helpers/engine.js';

const where = { host: 'h1', task: 't', file: 'site.yml', line: 3, col: 7 };

describe('module arguments after templating', () => {
  it('refuses a rendered value of the wrong type, sends nothing, and names where, task, host and value', async () => {
    const at = { source: { file: 'site.yml', line: 12, col: 5 }, argPositions: { port: { line: 14, col: 15 } } };
    const r = await runTest([play([task('wait for etcd', 'wait_for', { port: '{{ p }}', timeout: 1 }, at)])], inventory({ h1: { p: '2379; touch /tmp/x' } }));
    const result = r.results('wait for etcd')[0]!.result;
    assert.equal(result.failed, true);
    assert.equal(String(result.msg), 'site.yml:14:15: task "wait for etcd": wait_for: after templating, \'port\' must be integer, not string (got "2379; touch /tmp/x") (host h1)');
    assert.deepEqual(r.log, [], 'no command was sent');
  });

  it('refuses a rendered value outside the schema (enum, format) before any command', async () => {
    const bad = inventory({ a: { s: 'gone', h: '127.0.0.1/1; touch /tmp/pwned; #' } });
    const f = await runTest([play([task('f', 'file', { path: '/tmp/x', state: '{{ s }}' })])], bad);
    assert.match(String(f.results('f')[0]!.result.msg), /'state' must be one of: file, directory, absent, link, touch \(got "gone"\)/);
    const w = await runTest([play([task('w', 'wait_for', { host: '{{ h }}', port: 1, timeout: 1 })])], bad);
    assert.match(String(w.results('w')[0]!.result.msg), /'host' must match format "ferry-address" \(got "127.0.0.1\/1; touch \/tmp\/pwned; #"\)/);
    assert.deepEqual([...f.log, ...w.log], []);
  });

  it('coerces rendered text to the declared type, as the loader does for written values', () => {
    const args = checkRenderedArgs(waitForModule, { port: '2379', timeout: '5' }, where);
    assert.deepEqual([args.port, args.timeout], [2379, 5]);
  });

  it("applies the schema's defaults, on a copy (a variable given whole is never changed)", () => {
    const given = { path: '/etc/motd' };
    const args = checkRenderedArgs(fileModule, given, where);
    assert.equal(args.state, 'file');
    assert.deepEqual(given, { path: '/etc/motd' });
    assert.equal(checkRenderedArgs(debugModule, { msg: 'x' }, where).verbosity, 0);
    assert.equal(checkRenderedArgs(waitForModule, { port: 1 }, where).host, '127.0.0.1');
  });

  it('runs the module with the defaults in place', async () => {
    const r = await runTest([play([task('stop', 'fail', {})])], inventory({ a: {} }));
    assert.equal(r.results('stop')[0]!.result.msg, 'Failed as requested from task');
  });
});
