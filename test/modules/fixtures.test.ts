// Turns each JSON fixture under test/fixtures/modules/<module>/ into a test: the module runs
// against a MemoryTransport with scripted replies (facts as raw output), and the commands it
// sent, its changed/failed and parts of its result must match. In check mode the expected
// command list holds only fact reads, which proves nothing changing was sent.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { modules } from '../../runner/modules/registry.js';
import type { ScriptedReply } from '../../runner/transport/memory.js';
import { moduleContext } from '../helpers/module-context.js';
import { runModule } from '../helpers/run-module.js';

interface Fixture {
  description: string;
  args: Record<string, unknown>;
  check?: boolean;
  diff?: boolean;
  become?: { user: string };
  vars?: Record<string, unknown>;
  /** Scripted replies; `match` is a substring, or a regex when written /like this/. */
  replies?: Array<Omit<ScriptedReply, 'match'> & { match: string }>;
  /** Files the fake host already has. */
  files?: Record<string, string>;
  /** Files on the control machine, relative to a temp baseDir (copy src, templates). */
  localFiles?: Record<string, string>;
  expect: {
    commands: string[];
    changed?: boolean;
    failed?: boolean;
    /** The module throws an error matching this regex (the engine turns it into a failure). */
    throws?: string;
    msg?: string;
    /** Keys that must equal these values in the result. */
    result?: Record<string, unknown>;
    /** Host files after the run. */
    files?: Record<string, string>;
  };
}

const root = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/modules');


describe('module fixtures', () => {
  for (const moduleName of readdirSync(root).filter((d) => modules.has(d)).sort()) {
    describe(moduleName, () => {
      for (const file of readdirSync(join(root, moduleName)).filter((f) => f.endsWith('.json')).sort()) {
        const fixture = JSON.parse(readFileSync(join(root, moduleName, file), 'utf8')) as Fixture;
        it(`${file}: ${fixture.description}`, () => runFixture(moduleName, fixture));
      }
    });
  }
});

async function runFixture(moduleName: string, f: Fixture): Promise<void> {
  const module = modules.get(moduleName)!;
  const baseDir = mkdtempSync(join(tmpdir(), 'ferry-fixture-'));
  for (const [path, content] of Object.entries(f.localFiles ?? {})) {
    mkdirSync(dirname(join(baseDir, path)), { recursive: true });
    writeFileSync(join(baseDir, path), content);
  }
  const replies = (f.replies ?? []).map((r) => ({ ...r, match: asPattern(r.match) }));
  const { ctx, memory } = moduleContext({ memory: { replies, files: f.files }, check: f.check, diff: f.diff, become: f.become, vars: f.vars, baseDir });
  let result: Record<string, unknown> | undefined;
  let error: Error | undefined;
  try {
    // As the engine does: arguments checked against the schema (a bad one fails the test), defaults applied.
    result = await runModule(module, f.args, ctx);
  } catch (err) {
    error = err as Error;
  }
  assert.deepEqual(memory!.commands.map((c) => c.command), f.expect.commands, 'commands sent');
  if (f.expect.throws) {
    assert.ok(error, 'expected the module to throw');
    assert.match(error.message, new RegExp(f.expect.throws));
    return;
  }
  if (error) throw error;
  if (f.expect.changed !== undefined) assert.equal(result!.changed, f.expect.changed, 'changed');
  assert.equal(result!.failed, f.expect.failed ?? false, `failed (msg: ${String(result!.msg)})`);
  if (f.expect.msg) assert.match(String(result!.msg), new RegExp(f.expect.msg));
  for (const [key, value] of Object.entries(f.expect.result ?? {})) assert.deepEqual(result![key], value, `result.${key}`);
  for (const [path, content] of Object.entries(f.expect.files ?? {})) assert.equal(memory!.files.get(path)?.toString(), content, `file ${path}`);
  if (f.become) assert.ok(memory!.commands.every((c) => c.command.startsWith('<') || c.become === f.become!.user), 'every command with become');
}

function asPattern(match: string): string | RegExp {
  const m = /^\/(.*)\/$/s.exec(match);
  return m ? new RegExp(m[1]!) : match;
}
