// `ferry adhoc -a`: JSON, typed k=v pairs, free-form text.
import assert from 'node:assert/strict';
import { parseAdhocArgs } from '../../../runner/cli/actions/adhoc-args.js';
import { modules } from '../../../runner/modules/registry.js';

const mod = (name: string) => modules.get(name)!;

describe('cli: adhoc -a', () => {
  const cases: Array<[string, string, Record<string, unknown>]> = [
    ['wait_for', 'port=2379 timeout=1.5 state=started', { port: 2379, timeout: 1.5, state: 'started' }],
    ['systemd', 'name=etcd3 enabled=no daemon_reload=true', { name: 'etcd3', enabled: false, daemon_reload: true }],
    ['copy', 'dest=/etc/motd mode=0644 content="a b"', { dest: '/etc/motd', mode: '0644', content: 'a b' }],
    ['wait_for', 'port=12ab', { port: '12ab' }],
    ['command', 'uname -a', { cmd: 'uname -a' }],
    ['command', 'FOO=1 env', { cmd: 'FOO=1 env' }],
    ['systemd', '{"name": "x", "enabled": true}', { name: 'x', enabled: true }],
  ];
  for (const [module, text, want] of cases) {
    it(`${module} -a '${text}'`, () => assert.deepEqual(parseAdhocArgs(text, mod(module)), want));
  }
});
