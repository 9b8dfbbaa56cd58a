// A ModuleContext for module tests: a MemoryTransport (or any transport), recorded progress
// and output, and a simple renderer unless the test gives the real one.
import type { ModuleContext, RunResources } from '../../runner/modules/types.js';
import { MemoryTransport, type MemoryTransportOptions } from '../../runner/transport/memory.js';
import type { BecomeSpec, Transport } from '../../runner/transport/types.js';

/** What a test can set; everything else gets a harmless default. */
export interface TestContextOptions {
  host?: string;
  transport?: Transport;
  memory?: MemoryTransportOptions;
  check?: boolean;
  diff?: boolean;
  vars?: Record<string, unknown>;
  become?: BecomeSpec;
  baseDir?: string;
  interactive?: boolean;
  prompt?: (question: string) => Promise<string>;
  render?: (source: string, name: string) => string;
  signal?: AbortSignal;
}

/** The context plus what the module reported through it. */
export interface TestContext {
  ctx: ModuleContext;
  transport: Transport;
  memory?: MemoryTransport;
  progress: string[];
  output: Array<{ stream: 'stdout' | 'stderr'; text: string }>;
}

/** Replaces `{{name}}` with vars[name]; enough for module tests that do not test templating. */
export function simpleRender(vars: Record<string, unknown>): (source: string) => string {
  return (source) => source.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_m, name: string) => String(vars[name] ?? ''));
}

/** Builds a ModuleContext for one module call. */
export function moduleContext(opts: TestContextOptions = {}): TestContext {
  const host = opts.host ?? 'db1';
  const memory = opts.transport ? undefined : new MemoryTransport(host, opts.memory);
  const transport = opts.transport ?? memory!;
  const vars = opts.vars ?? {};
  const progress: string[] = [];
  const output: TestContext['output'] = [];
  const resources: RunResources = { get: (_key, create) => create() };
  const ctx: ModuleContext = {
    host,
    task: 'test task',
    transport,
    check: opts.check ?? false,
    diff: opts.diff ?? false,
    vars,
    become: opts.become,
    render: opts.render ?? simpleRender(vars),
    baseDir: opts.baseDir ?? process.cwd(),
    progress: (msg) => progress.push(msg),
    output: (stream, text) => output.push({ stream, text }),
    resources,
    signal: opts.signal ?? new AbortController().signal,
    interactive: opts.interactive ?? false,
    prompt: opts.prompt,
  };
  return { ctx, transport, memory, progress, output };
}
