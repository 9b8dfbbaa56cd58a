import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { argvToCommand, shq } from '../../runner/transport/shell-quote.js';
import { splitCommandLine } from '../../runner/transport/shell-split.js';

describe('shell quoting', () => {
  const words = ['plain', '', 'two words', "it's", '$HOME', '`id`', 'a;b|c&d', 'new\nline', '*', '"dq"', '\\back', '-n'];

  it('leaves safe words bare and quotes the rest', () => {
    assert.equal(shq('/etc/etcd.conf'), '/etc/etcd.conf');
    assert.equal(shq(''), "''");
    assert.equal(shq("it's"), `'it'\\''s'`);
  });

  it('round-trips every word through a real sh', () => {
    const out = execFileSync('sh', ['-c', `printf '%s\\0' ${argvToCommand(words)}`]).toString();
    assert.deepEqual(out.split('\0').slice(0, -1), words);
  });
});

describe('splitting a free-form command like shlex', () => {
  const cases: Array<[string, string[]]> = [
    ['echo a  b', ['echo', 'a', 'b']],
    [`echo 'a b' "c d"`, ['echo', 'a b', 'c d']],
    ['echo a;b | c $HOME > f', ['echo', 'a;b', '|', 'c', '$HOME', '>', 'f']],
    [String.raw`echo a\ b "x\"y" 'q\n'`, ['echo', 'a b', 'x"y', 'q\\n']],
    [`etcdctl --endpoints="http://a:2379,http://b:2379" member list`, ['etcdctl', '--endpoints=http://a:2379,http://b:2379', 'member', 'list']],
    [`echo ''`, ['echo', '']],
    ['  ', []],
  ];
  for (const [line, argv] of cases) {
    it(JSON.stringify(line), () => assert.deepEqual(splitCommandLine(line), argv));
  }
  it('rejects an unterminated quote', () => assert.throws(() => splitCommandLine(`echo 'a`), /unterminated single quote/));
});
