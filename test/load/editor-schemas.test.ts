// The exported editor schemas (schemas/*.json), read by a plain JSON Schema validator (ajv with
// its defaults, none of ferry's keywords or formats), accept every playbook, tasks file and
// inventory in the repo that ferry itself accepts, template strings where the engine renders them
// included; and still refuse what ferry refuses.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '..', '..');
/** Fixtures that are wrong on purpose (ferry refuses them too). */
const BROKEN = /(^|\/)(broken|bad|invalid|refus|unsupported)[^/]*(\/|$)|-bad\.|\/fixtures\/convert\//;
/** Fixtures for engine tests, run with test-only modules (test_cmd, test_echo) that no schema knows. */
const FAKE_MODULES = /^test\/fixtures\/(execute|load)\//;

function compile(name: string): ValidateFunction {
  return new Ajv({ allowUnionTypes: true }).compile(JSON.parse(readFileSync(join(ROOT, 'schemas', name), 'utf8')));
}

type Kind = 'playbook' | 'tasks' | 'inventory';
const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** What a YAML file of the repo is, from its shape (vars files and others: undefined). */
function kindOf(data: unknown): Kind | undefined {
  if (Array.isArray(data) && data.length > 0 && data.every(isMap)) return data.some((p) => 'hosts' in p || 'import_playbook' in p) ? 'playbook' : 'tasks';
  if (isMap(data) && Object.values(data).some((g) => isMap(g) && ('hosts' in g || 'children' in g))) return 'inventory';
  return undefined;
}

/** Every YAML file git tracks, with its kind and the `# yaml-language-server: $schema=` it names, if any. */
function repoFiles(): Array<{ file: string; kind: Kind; data: unknown; schemaLine?: string }> {
  const files = execFileSync('git', ['ls-files', '*.yml', '*.yaml'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
  return files.filter((f) => !BROKEN.test(f) && !FAKE_MODULES.test(f)).flatMap((file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    let data: unknown;
    try {
      data = parse(text, { version: '1.1', customTags: [{ tag: '!vault', resolve: (s: string) => s }] });
    } catch {
      return [];
    }
    const kind = kindOf(data);
    const schemaLine = /^# yaml-language-server: \$schema=(\S+)$/m.exec(text)?.[1];
    return kind ? [{ file, kind, data, schemaLine }] : [];
  });
}

describe('editor schemas with a plain validator', () => {
  const validators: Record<Kind, ValidateFunction> = { playbook: compile('playbook.schema.json'), tasks: compile('tasks.schema.json'), inventory: compile('inventory.schema.json') };
  const files = repoFiles();

  it('accept every playbook, tasks file and inventory in the repo', () => {
    const kinds = new Set(files.map((f) => f.file));
    for (const own of ['playbooks/migrate-etcd.yml', 'playbooks/provision-etcd.yml', 'playbooks/etcd-health.yml', 'playbooks/storageos/start.yml', 'inventory.example.yaml']) {
      assert.ok(kinds.has(own), `${own} is checked`);
    }
    const refused = files.flatMap(({ file, kind, data }) => {
      const v = validators[kind];
      return v(data) ? [] : [`${file} (${kind}): ${(v.errors ?? []).slice(0, 3).map((e) => `${e.instancePath} ${e.message}`).join('; ')}`];
    });
    assert.deepEqual(refused, []);
  });

  it('the project\'s own playbooks and example inventory name their schema for the YAML language server', () => {
    const expected: Record<Kind, string> = { playbook: 'playbook.schema.json', tasks: 'tasks.schema.json', inventory: 'inventory.schema.json' };
    for (const { file, kind, schemaLine } of files.filter((f) => /^(playbooks\/|inventory\.example)/.test(f.file))) {
      assert.ok(schemaLine?.endsWith(`schemas/${expected[kind]}`), `${file}: names ${schemaLine ?? 'no schema'}, not schemas/${expected[kind]}`);
    }
  });

  it('accept a template where a list, an enum or a number is wanted; refuse a wrong type, an unknown module or argument', () => {
    const v = validators.playbook;
    const play = (task: object) => [{ hosts: 'all', tasks: [task] }];
    assert.equal(v(play({ etcd_status: { endpoints: '{{ etcd_client_urls }}', consistency: '{{ mode }}', call_timeout: '{{ t }}' } })), true, JSON.stringify(v.errors));
    assert.equal(v(play({ wait_for: { port: '{{ etcd_client_port }}', host: '{{ ssh_host }}' }, loop: '{{ items }}', become_user: '{{ who }}' })), true, JSON.stringify(v.errors));
    assert.equal(v(play({ etcd_status: { endpoints: 'http://a:2379' } })), false, 'a plain string is not a list of endpoints');
    assert.equal(v(play({ wait_for: { port: 'x' } })), false, 'a port that is neither a number nor a template');
    assert.equal(v(play({ wait_for: { prot: 2379 } })), false, 'an unknown argument');
    assert.equal(v(play({ comand: 'ls' })), false, 'an unknown module');
    assert.equal(validators.inventory({ all: { hosts: { a: { ssh_port: 'x' } } } }), false, 'a port that is not a number');
  });
});
