// Ansible's builtin modules on a real lab host, through the CLI (one lab boot for all of them):
// what lands on the host, what --check and a second run report, and what the user sees.
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describeRun, ferryCli, hostResults, recapOf, type CliRun } from '../helpers/ferry-cli.js';
import { sshRun, useLab, type LabHost } from '../helpers/lab.js';
import { labInventory, workspace, type Workspace } from '../helpers/lab-workspace.js';

describe('runner on a real host: builtin modules', function () {
  this.timeout(120_000);
  const lab = useLab({ hosts: 1 });
  let ws: Workspace;
  let inv: string;
  let host: LabHost;
  let root: string;
  const cleanups: string[] = [];

  before(() => {
    ws = workspace('it-builtins');
    host = lab.hosts[0]!;
    inv = ws.write('inventory.yaml', labInventory(lab, [host.name]));
    root = `/tmp/ferry-it-builtins-${ws.tag}`;
    cleanups.push(`rm -rf ${root}`);
  });
  after(async () => {
    if (host) await sshRun(host, cleanups.join('; '));
    ws?.remove();
  });

  const play = (name: string, yaml: string, ...flags: string[]): Promise<CliRun> =>
    ferryCli(['play', ws.write(name, `- hosts: targets\n  gather_facts: false\n  tasks:\n${yaml}`), '-i', inv, '--json', ...flags], { cwd: ws.dir, timeoutMs: 110_000 });
  const on = async (cmd: string) => (await sshRun(host, cmd)).stdout;
  const counts = (r: CliRun) => {
    assert.equal(r.code, 0, describeRun(r));
    const c = recapOf(r)[host.name]!;
    return { changed: c.changed, ok: c.ok, failed: c.failed };
  };

  it('lineinfile, blockinfile, replace: --check writes nothing, the run edits the file, a second run changes nothing', async () => {
    await sshRun(host, `mkdir -p ${root} && printf 'port=2379\\n#debug=1\\nname=old\\n' > ${root}/app.conf && chmod 0640 ${root}/app.conf`);
    const tasks = `
    - name: port
      ansible.builtin.lineinfile: { path: ${root}/app.conf, regexp: '^port=', line: 'port=2380' }
    - name: comment out
      lineinfile: path=${root}/app.conf regexp='^#debug' state=absent
    - name: block
      blockinfile: { path: ${root}/app.conf, block: "a=1\\nb=2", insertbefore: '^name=' }
    - name: rename
      replace: { path: ${root}/app.conf, regexp: '^name=(\\w+)$', replace: 'name=\\1-new' }
    - name: created
      lineinfile: { path: ${root}/sub/new.conf, line: 'x=1', create: true, mode: '0600' }
`;
    const check = await play('text.yaml', tasks, '--check', '--diff');
    assert.deepEqual(counts(check), { changed: 5, ok: 5, failed: 0 });
    assert.equal(await on(`cat ${root}/app.conf; test -e ${root}/sub || echo no-sub`), 'port=2379\n#debug=1\nname=old\nno-sub\n');
    assert.match(check.stdout + check.stderr, /port=2380/);
    assert.deepEqual(counts(await play('text.yaml', tasks)), { changed: 5, ok: 5, failed: 0 });
    assert.equal(
      await on(`cat ${root}/app.conf; stat -c '%a' ${root}/app.conf ${root}/sub/new.conf; cat ${root}/sub/new.conf`),
      'port=2380\n# BEGIN ANSIBLE MANAGED BLOCK\na=1\nb=2\n# END ANSIBLE MANAGED BLOCK\nname=old-new\n640\n600\nx=1\n',
    );
    assert.deepEqual(counts(await play('text.yaml', tasks)), { changed: 0, ok: 5, failed: 0 });
  });

  it('a missing file and a failing validate are clear failures that leave the host as it was', async () => {
    const r = await play('text-bad.yaml', `
    - name: missing
      lineinfile: { path: ${root}/nope.conf, line: 'x' }
      ignore_errors: true
    - name: validated
      lineinfile: { path: ${root}/app.conf, line: 'broken', validate: 'grep -q ^never %s' }
`);
    assert.equal(r.code, 1, describeRun(r));
    assert.match(String(hostResults(r, 'missing').get(host.name)![0]!.result.msg), new RegExp(`${host.name}: path ${root}/nope.conf does not exist`));
    assert.match(r.stdout + r.stderr, /validate failed, .*app.conf left unchanged: grep -q \^never %s \(rc 1\)/);
    assert.doesNotMatch(await on(`cat ${root}/app.conf; ls -a ${root}`), /broken|ferry-tmp/);
  });

  it('service and systemd daemon_reload alone, on a real unit', async () => {
    const unit = `ferry-it-svc-${ws.tag}`;
    cleanups.unshift(`systemctl stop ${unit} 2>/dev/null; rm -f /etc/systemd/system/${unit}.service; systemctl daemon-reload`);
    await sshRun(host, `printf '[Service]\\nExecStart=/bin/sleep 600\\n' > /etc/systemd/system/${unit}.service`);
    const tasks = `
    - name: reload
      ansible.builtin.systemd: { daemon_reload: true }
    - name: start
      service: { name: ${unit}, state: started, sleep: 1 }
`;
    const r = await play('svc.yaml', tasks);
    assert.deepEqual(counts(r), { changed: 1, ok: 2, failed: 0 });
    assert.equal(await on(`systemctl is-active ${unit}`), 'active\n');
    assert.match(JSON.stringify(hostResults(r, 'start').get(host.name)![0]!.result.warnings), /ignoring sleep: not used with systemd/);
    assert.deepEqual(counts(await play('svc.yaml', tasks)), { changed: 0, ok: 2, failed: 0 });
    assert.deepEqual(counts(await play('svc-stop.yaml', `    - name: stop\n      service: name=${unit} state=stopped\n`)), { changed: 1, ok: 1, failed: 0 });
    assert.equal(await on(`systemctl is-active ${unit} || true`), 'inactive\n');
  });
  it('slurp, fetch, raw, script: the file comes back (private, once), the line and the script run on the host', async () => {
    await sshRun(host, `mkdir -p ${root} && printf 'secret\\n' > ${root}/key && chmod 0600 ${root}/key`);
    ws.write('files/hello.sh', '#!/bin/sh\necho "hi $1"; pwd\n');
    const tasks = `
    - name: slurp
      ansible.builtin.slurp: { src: ${root}/key }
      register: key
    - name: fetch
      fetch: { src: ${root}/key, dest: fetched }
    - name: raw
      raw: echo raw-$((1+1)) | tr a-z A-Z
      register: r
    - name: raw said
      assert: { that: '{{eq r.stdout "RAW-2"}}' }
    - name: script
      script: hello.sh "big world"
      args: { chdir: ${root} }
      register: s
`;
    const first = await play('transfer.yaml', tasks);
    assert.deepEqual(counts(first), { changed: 3, ok: 5, failed: 0 });
    assert.equal(hostResults(first, 'script').get(host.name)![0]!.result.stdout, `hi big world\n${root}`);
    assert.equal(Buffer.from(String(hostResults(first, 'slurp').get(host.name)![0]!.result.content), 'base64').toString(), 'secret\n');
    const local = join(ws.dir, 'fetched', host.name, root, 'key');
    assert.equal(readFileSync(local, 'utf8'), 'secret\n');
    assert.equal(statSync(local).mode & 0o777, 0o600);
    assert.equal(await on(`ls /tmp | grep -c ferry-script || true`), '0\n');
    const again = await play('transfer.yaml', tasks, '--check');
    assert.equal(hostResults(again, 'fetch').get(host.name)![0]!.status, 'ok');
    assert.equal(hostResults(again, 'raw').get(host.name)![0]!.status, 'skipped');
  });

  it('group and user: created with gid, groups, shell and a password hash; --check and a second run change nothing; removed', async () => {
    const name = `fu${ws.tag}`;
    cleanups.unshift(`userdel -r ${name} 2>/dev/null; groupdel ${name}g 2>/dev/null`);
    const hash = '$6$ferrysalt$Q4R1GZ7Qs4lRjV3m3w2O3Ggh7F5e6b8r2C0xw6v4d7mRk5yq3p0s9jY8tB2nD6hL1cE4aW7uF9iK3oP5zX0vM.';
    const tasks = `
    - name: group
      ansible.builtin.group: { name: ${name}g, gid: 4711 }
    - name: user
      user: { name: ${name}, uid: 4712, groups: [${name}g, adm], shell: /bin/bash, comment: Ferry Test, password: '${hash}' }
`;
    const check = await play('users.yaml', tasks, '--check');
    assert.deepEqual(counts(check), { changed: 2, ok: 2, failed: 0 });
    assert.equal(await on(`getent passwd ${name} || echo none`), 'none\n');
    const r = await play('users.yaml', tasks);
    assert.deepEqual(counts(r), { changed: 2, ok: 2, failed: 0 });
    assert.ok(!r.stdout.includes(hash) && !r.stderr.includes(hash), 'the hash is never shown');
    assert.equal(await on(`getent group ${name}g | cut -d: -f3; getent passwd ${name} | cut -d: -f3,5,7; id -Gn ${name}; getent shadow ${name} | cut -d: -f2; test -d /home/${name} && echo home`),
      `4711\n4712:Ferry Test:/bin/bash\n${name} adm ${name}g\n${hash}\nhome\n`);
    assert.deepEqual(counts(await play('users.yaml', tasks)), { changed: 0, ok: 2, failed: 0 });
    const gone = await play('users-gone.yaml', `    - name: user\n      user: { name: ${name}, state: absent, remove: true }\n    - name: group\n      group: name=${name}g state=absent\n`);
    assert.deepEqual(counts(gone), { changed: 2, ok: 2, failed: 0 });
    assert.equal(await on(`getent passwd ${name} || getent group ${name}g || test -d /home/${name} || echo gone`), 'gone\n');
  });
});
