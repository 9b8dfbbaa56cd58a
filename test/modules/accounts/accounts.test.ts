// user and group on a MemoryTransport: the entry read, the one command sent (none in check mode or
// when as wanted), the password only on stdin and never in the result.
import assert from 'node:assert/strict';
import { parseUser } from '../../../runner/modules/accounts/account-facts.js';
import { planUser, type UserArgs } from '../../../runner/modules/accounts/user-plan.js';
import { modules } from '../../../runner/modules/registry.js';
import { moduleContext } from '../../helpers/module-context.js';
import { runModule } from '../../helpers/run-module.js';

const APP = 'app:x:1001:1001:App:/home/app:/bin/sh\napp adm\napp\n$6$salt$hash\n';
const base: UserArgs = { name: 'app', state: 'present', append: false, create_home: true, system: false, remove: false, update_password: 'always' };

describe('accounts: user and group', () => {
  it('parses getent/id/shadow output', () => {
    assert.deepEqual(parseUser(APP), { name: 'app', uid: 1001, gid: 1001, group: 'app', comment: 'App', home: '/home/app', shell: '/bin/sh', groups: ['adm'], hash: '$6$salt$hash' });
  });

  const cases: Array<[string, Partial<UserArgs>, string | undefined]> = [
    ['as wanted', { shell: '/bin/sh', groups: ['adm'] }, undefined],
    ['shell and uid', { shell: '/bin/bash', uid: 1500 }, "usermod -u 1500 -s /bin/bash -- app"],
    ['groups set', { groups: ['sudo'] }, 'usermod -G sudo -- app'],
    ['groups appended', { groups: ['sudo'], append: true }, "usermod -G adm,sudo -- app"],
    ['groups already there with append', { groups: ['adm'], append: true }, undefined],
    ['absent', { state: 'absent', remove: true }, 'userdel -r -- app'],
  ];
  for (const [name, args, command] of cases) {
    it(`plan: ${name}`, () => {
      const plan = planUser({ ...base, ...args } as UserArgs, parseUser(APP));
      assert.equal(plan.command, command);
    });
  }

  it('a hostile name is one quoted operand after --', () => {
    assert.equal(planUser({ ...base, name: '--badname;x', shell: '/bin/zsh' }, parseUser(APP)).command, "usermod -s /bin/zsh -- '--badname;x'");
  });

  it('creates a missing user with its options, home and password (the hash only on stdin, never in the result)', async () => {
    const { ctx, memory } = moduleContext({ memory: { replies: [{ match: 'getent passwd', rc: 2, times: 1 }, { match: 'getent passwd', stdout: APP }] } });
    const r = await runModule(modules.get('user')!, { name: 'app', shell: '/bin/sh', groups: 'adm, sudo', password: '$6$salt$hash' }, ctx);
    assert.equal(r.changed, true);
    const sent = memory!.commands.map((c) => c.command);
    assert.equal(sent[1], 'useradd -m -s /bin/sh -G adm,sudo -- app');
    assert.deepEqual(memory!.commands[2], { command: 'chpasswd -e', stdin: 'app:$6$salt$hash\n', become: undefined });
    assert.ok(!JSON.stringify(r).includes('$6$salt'), JSON.stringify(r));
    assert.equal(r.password, 'NOT_LOGGING_PASSWORD');
  });

  it('refuses a clear-text password without sending anything', async () => {
    const { ctx, memory } = moduleContext();
    await assert.rejects(runModule(modules.get('user')!, { name: 'app', password: 'hunter2' }, ctx), /must be a crypt hash/);
    assert.deepEqual(memory!.commands, []);
  });

  it('check mode reads only; the same hash is no change', async () => {
    const { ctx, memory } = moduleContext({ check: true, memory: { replies: [{ match: 'getent passwd', stdout: APP }] } });
    const r = await runModule(modules.get('user')!, { name: 'app', shell: '/bin/zsh', password: '$6$salt$hash' }, ctx);
    assert.deepEqual([r.changed, r.msg, memory!.commands.length], [true, 'shell /bin/sh → /bin/zsh', 1]);
  });

  it('group: add with gid, change gid, delete, nothing when as wanted', async () => {
    const g = modules.get('group')!;
    const run = async (args: Record<string, unknown>, entry: string | null) => {
      const { ctx, memory } = moduleContext({ memory: { replies: [entry === null ? { match: 'getent group', rc: 2, times: 1 } : { match: 'getent group', stdout: entry, times: 1 }, { match: 'getent group', stdout: 'ops:x:1200:\n' }] } });
      const r = await runModule(g, args, ctx);
      return [r.changed, memory!.commands.map((c) => c.command).filter((c) => !c.startsWith('getent'))];
    };
    assert.deepEqual(await run({ name: 'ops', gid: 1200, system: true }, null), [true, ['groupadd -g 1200 -r -- ops']]);
    assert.deepEqual(await run({ name: 'ops', gid: 1200 }, 'ops:x:1100:\n'), [true, ['groupmod -g 1200 -- ops']]);
    assert.deepEqual(await run({ name: 'ops', state: 'absent' }, 'ops:x:1100:\n'), [true, ['groupdel -- ops']]);
    assert.deepEqual(await run({ name: 'ops', gid: 1200 }, 'ops:x:1200:\n'), [false, []]);
  });
});
