// The playbook snippets playbooks/storageos/{stop,start}.yml: their arguments, templated with
// the project's template language, satisfy the module schema and drive the module end to end
// against the STAND-IN API server (the engine that will run them is tested elsewhere).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { storageosClusterModule as mod } from '../../../runner/modules/k8s/storageos.js';
import { evaluate, evaluateCondition } from '../../../runner/template/evaluate.js';
import { makeContext } from './context.js';
import { startStandIn, storageosCluster, type StandInFixture } from './standin-fixture.js';

const load = (name: string): any[] => parse(readFileSync(new URL(`../../../playbooks/storageos/${name}`, import.meta.url), 'utf8'));
const validate = new Ajv({ strict: false }).compile(mod.argsSchema);

describe('playbooks/storageos snippets', () => {
  let f: StandInFixture;
  before(async () => { f = await startStandIn({ deleteDelayMs: 200, runningDelayMs: 200 }); });
  after(async () => { await f.server.stop(); });

  const moduleTask = (tasks: any[]) => tasks.find((t) => t.storageos_cluster);

  it('are task lists of run-once control-side tasks guarded by storageos.enabled', () => {
    for (const file of ['stop.yml', 'start.yml']) {
      const tasks = load(file);
      assert.ok(Array.isArray(tasks) && tasks.length > 0, file);
      for (const t of tasks) {
        assert.equal(typeof t.name, 'string', file);
        assert.equal(t.delegate_to, 'localhost', file);
        assert.equal(t.run_once, true, file);
        assert.equal(evaluateCondition(t.when, { storageos: { enabled: true } }, { template: file }), true);
        assert.equal(evaluateCondition(t.when, { storageos: { enabled: false } }, { template: file }), false);
        assert.equal(evaluateCondition(t.when, {}, { template: file }), false, 'no storageos var at all: skipped');
      }
    }
  });

  it('stop then start, templated from playbook vars, migrate the stand-in cluster', async () => {
    const original = storageosCluster('10.0.0.1:2379,10.0.0.2:2379,10.0.0.3:2379', 'storageos-cluster', 'storageos');
    f.server.seed('storageos.com/v1', 'storageosclusters', 'storageos', original);
    const baseDir = mkdtempSync(join(tmpdir(), 'ferry-playbook-'));
    const inventoryDir = mkdtempSync(join(tmpdir(), 'ferry-inventory-'));
    const vars = {
      inventory_dir: inventoryDir,
      etcd_before: { cluster_id: 'c1a55' },
      storageos: { enabled: true, name: 'storageos-cluster', namespace: 'storageos', kubeconfig: f.kubeconfig, wait_timeout: 10 },
      etcd_new_client_urls: ['http://10.0.1.1:2379', 'http://10.0.1.2:2379', 'http://10.0.1.3:2379'],
    };
    for (const file of ['stop.yml', 'start.yml']) {
      const args = evaluate(moduleTask(load(file)).storageos_cluster, vars, { template: file }) as Record<string, unknown>;
      assert.ok(validate(args), `${file}: ${JSON.stringify(validate.errors)}`);
      const res = await mod.run({ ...args, wait_sleep: 0.05 } as any, makeContext({ baseDir }));
      assert.equal(res.failed, false, `${file}: ${res.msg}`);
      assert.equal(res.changed, true, file);
      // The default backup folder is beside the inventory, not in the playbook's folder.
      if (file === 'stop.yml') assert.ok(String(res.backup_path).startsWith(join(inventoryDir, 'storageos-backups')), String(res.backup_path));
      if (file === 'stop.yml') assert.equal(JSON.parse(readFileSync(String(res.backup_path).replace(/\.yaml$/, '.source.json'), 'utf8')).etcd_cluster_id, 'c1a55');
    }
    const now: Record<string, any> = f.server.object('storageos.com/v1', 'storageosclusters', 'storageos', 'storageos-cluster')!;
    assert.equal(now.spec.kvBackend.address, '10.0.1.1:2379,10.0.1.2:2379,10.0.1.3:2379');
    assert.deepEqual({ ...now.spec, kvBackend: null }, { ...original.spec, kvBackend: null });
    assert.equal(now.status.phase, 'Running');
  });
});
