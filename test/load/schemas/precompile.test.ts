// The build's precompiled validators find exactly what ajv compiling at run time finds (same verdict,
// same errors, same defaults filled in), and the module manifest describes every module as it is.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { newAjv, type AjvKind } from '../../../runner/load/schemas/ajv-instance.js';
import { loaderSchemas } from '../../../runner/load/schemas/loader-schemas.js';
import { moduleManifest, standaloneModule } from '../../../runner/load/schemas/precompile.js';
import { allModules } from '../../../runner/modules/all.js';
import { lazyModule } from '../../../runner/modules/lazy.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const FORMATS = pathToFileURL(join(ROOT, 'runner', 'load', 'schemas', 'formats.ts')).href;

/** Every YAML file under the test fixtures and playbooks, as data. */
function yamlData(): unknown[] {
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : /\.ya?ml$/.test(f) ? [p] : [];
  });
  return [...walk(join(ROOT, 'test', 'fixtures')), ...walk(join(ROOT, 'playbooks'))].flatMap((f) => {
    try {
      return [parse(readFileSync(f, 'utf8'), { version: '1.1', logLevel: 'error' }) as unknown];
    } catch {
      return [];
    }
  });
}

/** What a caller can see of a run: verdict, errors (with the schema parts messages read), the data after defaults. */
function outcome(v: ValidateFunction, input: unknown): unknown {
  const data = structuredClone(input);
  const valid = v(data);
  const errors = (v.errors ?? []).map((e: ErrorObject) => ({ ...e, parentSchema: JSON.stringify(e.parentSchema), schema: JSON.stringify(e.schema) }));
  return { valid, errors, data };
}

describe('load/schemas/precompile: standalone validators', function () {
  this.timeout(120_000);
  let dir: string;
  const generated: Partial<Record<AjvKind, Record<string, unknown>>> = {};

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ferry-precompile-'));
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules')); // the generated code requires ajv's runtime helpers
    for (const [kind, schemas] of [['loader', loaderSchemas], ['args', allModules.map((m) => m.argsSchema)]] as const) {
      const file = join(dir, `${kind}.mjs`);
      writeFileSync(file, standaloneModule(kind, schemas, FORMATS));
      generated[kind] = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** The generated validator of `schema`. */
  const compiled = (kind: AjvKind, schema: object): ValidateFunction => {
    const m = generated[kind]!;
    const i = (m.keys as string[]).indexOf(JSON.stringify(schema));
    assert.ok(i >= 0, 'schema precompiled');
    return m[`v${i}`] as ValidateFunction;
  };

  it('loader schemas: the same outcome as run-time ajv on every fixture and playbook', () => {
    const runtime = newAjv('loader');
    const inputs = yamlData();
    assert.ok(inputs.length > 30);
    for (const schema of loaderSchemas) {
      const live = runtime.compile(schema);
      const pre = compiled('loader', schema);
      for (const input of inputs) assert.deepEqual(outcome(pre, input), outcome(live, input));
    }
  });

  it('module arguments: the same outcome, defaults included, for right and wrong values of every argument', () => {
    const runtime = newAjv('args');
    let bad = 0;
    for (const m of allModules) {
      const live = runtime.compile(m.argsSchema);
      const pre = compiled('args', m.argsSchema);
      const props = Object.keys(m.argsSchema.properties ?? {});
      const inputs: unknown[] = [{}, { not_an_argument: 1 }, 'text', null];
      for (const p of props) for (const value of [12345, -1, 'text', '127.0.0.1', '', ['a'], true, { a: 1 }, null]) inputs.push({ [p]: value });
      inputs.push(Object.fromEntries(props.map((p) => [p, 'x'])));
      for (const input of inputs) {
        const a = outcome(pre, input);
        assert.deepEqual(a, outcome(live, input), `${m.name} ${JSON.stringify(input)}`);
        if (!(a as { valid: boolean }).valid) bad++;
      }
    }
    assert.ok(bad > 100, 'the inputs include invalid ones');
  });

  it('refuses a format the generated code could not find', () => {
    assert.throws(() => standaloneModule('loader', [{ type: 'string', format: 'date' }], FORMATS), /format "date" is not among ferry's formats/);
  });
});

describe('modules/lazy: the manifest', () => {
  it('describes every module as it is, and a lazy module runs the real one', async () => {
    const dir = join(ROOT, 'runner', 'modules');
    const manifest = await moduleManifest(allModules, dir);
    assert.deepEqual(manifest.map((e) => e.name), allModules.map((m) => m.name));
    for (const [i, e] of manifest.entries()) {
      const { run: _run, ...meta } = allModules[i];
      const { file: _file, exportName: _export, ...described } = JSON.parse(JSON.stringify(e)) as typeof e;
      assert.deepEqual(described, JSON.parse(JSON.stringify(meta)), e.name);
    }
    const debug = manifest.find((e) => e.name === 'debug')!;
    const lazy = lazyModule(debug, pathToFileURL(join(dir, 'manifest.json')));
    const ctx = { host: 'h', task: 't', vars: {}, check: false, diff: false } as never;
    assert.deepEqual(await lazy.run({ msg: 'hello' }, ctx), await allModules.find((m) => m.name === 'debug')!.run({ msg: 'hello' }, ctx));
  });
});
