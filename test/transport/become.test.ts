import assert from 'node:assert/strict';
import { BecomeProbe, becomeStdin, explainBecomeFailure, wrapBecome } from '../../runner/transport/become.js';

describe('become', () => {
  it('leaves a command alone without become', () => {
    assert.deepEqual(wrapBecome('id -u'), { command: 'id -u' });
  });

  it('uses sudo -n without a password, quoting the command for sh -c', () => {
    assert.equal(wrapBecome(`echo 'hi'; id`, { user: 'etcd' }).command, `sudo -n -H -u etcd -- sh -c 'echo '\\''hi'\\''; id'`);
  });

  it('puts the password on stdin only, never in the command', () => {
    const w = wrapBecome('cat > /x', { user: 'root', password: "s3cr'et" });
    assert.equal(w.command, `sudo -S -k -p '' -H -u root -- sh -c 'cat > /x'`);
    assert.ok(!w.command.includes('s3cr'));
    assert.equal(becomeStdin(w, 'data')!.toString(), "s3cr'et\ndata");
    assert.equal(becomeStdin(wrapBecome('x'), undefined), undefined);
  });

  it('drops the password where sudo would not read it (NOPASSWD), probing once per user', async () => {
    const probes: string[] = [];
    const probe = new BecomeProbe(async (c) => (probes.push(c), { rc: 0 }));
    assert.deepEqual(await probe.effective({ user: 'root', password: 'p' }), { user: 'root' });
    await probe.effective({ user: 'root', password: 'p' });
    assert.deepEqual(probes, ['sudo -k -n -H -u root -- true']);
    const needs = new BecomeProbe(async () => ({ rc: 1 }));
    assert.deepEqual(await needs.effective({ user: 'root', password: 'p' }), { user: 'root', password: 'p' });
  });

  const failures: Array<[string, string, { user: string; password?: string } | undefined, RegExp | undefined]> = [
    ['sudo -n refused', 'sudo: a password is required\n', { user: 'root' }, /db1: become to user root needs a sudo password/],
    ['wrong password', 'sudo: 3 incorrect password attempts\n', { user: 'root', password: 'x' }, /db1: sudo refused the become password for user root/],
    ['not a sudoer', 'ferry is not in the sudoers file.\n', { user: 'root' }, /may not sudo to root/],
    ['a plain failure', 'cat: /x: No such file\n', { user: 'root' }, undefined],
    ['no become', 'sudo: a password is required\n', undefined, undefined],
  ];
  for (const [name, stderr, become, re] of failures) {
    it(`explains: ${name}`, () => {
      const why = explainBecomeFailure(stderr, 'db1', become);
      if (re) assert.match(why ?? '', re);
      else assert.equal(why, undefined);
    });
  }
});
