// A ModuleContext stand-in for the k8s module tests (the engine is built elsewhere): records
// progress lines, keeps run resources in a map and disposes them at the end like the engine will.
import type { ModuleContext, RunResources } from '../../../runner/modules/types.js';
import { MemoryTransport } from '../../../runner/transport/memory.js';

/** A context plus what the module emitted through it. */
export interface TestContext extends ModuleContext {
  progressLines: string[];
  dispose(): Promise<void>;
}

/** Builds a context; one shared `resources` can be passed to span several tasks of one run. */
export function makeContext(over: Partial<ModuleContext> = {}, resources = new MapResources()): TestContext {
  const progressLines: string[] = [];
  return {
    host: 'localhost',
    task: 'k8s test',
    transport: new MemoryTransport('localhost'),
    check: false,
    diff: false,
    vars: {},
    render: (s) => s,
    baseDir: process.cwd(),
    progress: (msg) => progressLines.push(msg),
    output: () => undefined,
    resources,
    signal: new AbortController().signal,
    interactive: false,
    ...over,
    progressLines,
    dispose: () => resources.dispose(),
  };
}

/** RunResources over a Map, counting creations so tests can see the client cache at work. */
export class MapResources implements RunResources {
  readonly values = new Map<string, { value: unknown; dispose: (v: any) => unknown }>();
  created = 0;

  async get<T>(key: string, create: () => Promise<T>, dispose: (value: T) => Promise<void> | void): Promise<T> {
    const hit = this.values.get(key);
    if (hit) return hit.value as T;
    this.created++;
    const value = await create();
    this.values.set(key, { value, dispose });
    return value;
  }

  async dispose(): Promise<void> {
    for (const { value, dispose } of this.values.values()) await dispose(value);
    this.values.clear();
  }
}
