// Module names and string arguments as Ansible writes them.
import { strict as assert } from 'node:assert';
import { moduleKeyOf, parseModuleString, splitArgs } from '../../runner/load/module-args.js';
import { fakeModules } from './fake-modules.js';

const mod = (name: string) => fakeModules.get(name)!;

describe('load: module names and k=v arguments', () => {
  const names: Array<[string, string | undefined]> = [
    ['command', 'command'],
    ['ansible.builtin.command', 'command'],
    ['ansible.legacy.debug', 'debug'],
    ['ansible.posix.template', 'template'],
    ['ansible.builtin.nope', undefined],
    ['community.general.command', undefined],
    ['builtin.command', undefined],
  ];
  for (const [key, expected] of names) {
    it(`${key} → ${expected ?? 'no module'}`, () => assert.equal(moduleKeyOf(key, fakeModules), expected));
  }

  it('splits words as Ansible: quotes group, {{ }} stays whole', () => {
    assert.deepEqual(splitArgs(`a=1 b="x y" c='{{ z }}' d={{ default v 1 }}`), ['a=1', 'b=x y', 'c={{ z }}', 'd={{ default v 1 }}']);
  });

  const cases: Array<[string, string, unknown]> = [
    ['wait_for', 'host=10.0.0.1 port=2379', { host: '10.0.0.1', port: 2379 }],
    ['template', 'src=a.hbs dest=/etc/a mode=0644', { src: 'a.hbs', dest: '/etc/a', mode: '0644' }],
    ['debug', 'msg="hello world"', { msg: 'hello world' }],
    ['command', 'ls -l chdir=/tmp', { cmd: 'ls -l', chdir: '/tmp' }],
    ['command', 'chdir=/tmp echo "a   b"', { cmd: 'echo "a   b"', chdir: '/tmp' }],
    ['command', 'echo x=1', { cmd: 'echo x=1' }],
    ['wait_for', 'host=a 2379', "module 'wait_for' takes key=value arguments (e.g. wait_for: name=x state=y) or a mapping; '2379' is not key=value"],
  ];
  for (const [name, text, expected] of cases) {
    it(`${name}: ${text}`, () => assert.deepEqual(parseModuleString(text, mod(name)), expected));
  }
});
