// The engine with the real loader and core modules (setup, command, set_fact, assert, shell) on MemoryTransport.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runPlaybook } from '../../runner/execute/engine.js';
import { loadInventory } from '../../runner/load/inventory.js';
import { loadPlaybook } from '../../runner/load/playbook.js';
import type { FerryEvent } from '../../runner/report/events.js';
import { MemoryTransport } from '../../runner/transport/memory.js';
import { factsReply } from '../helpers/facts.js';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'execute');

describe('execute: a loaded playbook with the core modules', () => {
  it('gathers facts, registers, sets facts, asserts, notifies; the commands sent are exactly these', async () => {
    const inventory = loadInventory(join(FIX, 'nodes.yaml'));
    const playbook = loadPlaybook(join(FIX, 'core.yaml'), { inventory });
    const transports = new Map<string, MemoryTransport>();
    const events: FerryEvent[] = [];
    const recap = await runPlaybook(playbook, inventory, {
      connect: async (name) => {
        const t = new MemoryTransport(name, { replies: [factsReply(), { match: 'cat /etc/version', stdout: '3.4\n' }] });
        transports.set(name, t);
        return t;
      },
    }, (e) => events.push(e));
    const failures = events.filter((e) => e.kind === 'host_result' && e.status === 'failed');
    assert.deepEqual(failures, []);
    assert.equal(recap.ok, true);
    for (const t of transports.values()) {
      const sent = t.commands.map((c) => c.command).filter((c) => !c.startsWith("echo '@@ferry-fact"));
      assert.equal(sent.length, 3, sent.join('\n'));
      assert.match(sent[0], /cat \/etc\/version/);
      assert.match(sent[1], /echo 3\.4 > \/tmp\/v/);
      assert.match(sent[2], /systemctl restart thing/);
    }
    assert.deepEqual(recap.hosts.n1, { ok: 6, changed: 2, failed: 0, skipped: 0, unreachable: 0, rescued: 0, ignored: 0 });
  });
});
