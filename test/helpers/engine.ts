// Builders for engine tests: tasks, plays, inventories without the loader; MemoryTransports per host;
// test-only modules registered under `test_*` names so the tests do not depend on the core modules.
import { runPlaybook } from '../../runner/execute/engine.js';
import type { Recap, RunOptions } from '../../runner/execute/types.js';
import { newTask } from '../../runner/load/keywords.js';
import type { Inventory, Play, Playbook, Task, Vars } from '../../runner/load/types.js';
import { modules } from '../../runner/modules/registry.js';
import { fail, ok, type Module } from '../../runner/modules/types.js';
import type { FerryEvent } from '../../runner/report/events.js';
import { MemoryTransport, type MemoryTransportOptions } from '../../runner/transport/memory.js';

const src = { file: 'test.yaml', line: 1, col: 1 };

/** A task with Ansible's defaults; `module`/`args` as given. */
export function task(name: string, module: string | undefined, args: unknown = {}, extra: Partial<Task> = {}): Task {
  return newTask({ name, module, args, retries: 3, delay: 0, source: src, ...extra });
}

/** A block task. */
export function block(name: string, body: Task[], rescue: Task[] = [], always: Task[] = [], extra: Partial<Task> = {}): Task {
  return task(name, undefined, undefined, { block: body, rescue, always, ...extra });
}

/** A play over `hosts` with no facts gathering. */
export function play(tasks: Task[], extra: Partial<Play> = {}): Play {
  return {
    name: 'test play', hosts: 'all', vars: {}, varsFiles: [], serial: [], strategy: 'linear', anyErrorsFatal: false,
    gatherFacts: false, tags: [], tasks, handlers: [], source: src, ...extra,
  };
}

/** An inventory of hosts (with vars) and groups (name → host names). */
export function inventory(hosts: Record<string, Vars>, groups: Record<string, string[]> = {}, allVars: Vars = {}): Inventory {
  const inv: Inventory = { file: 'inv.yaml', hosts: new Map(), groups: new Map() };
  for (const [name, vars] of Object.entries(hosts)) inv.hosts.set(name, { name, vars, source: src });
  const grouped = new Set(Object.values(groups).flat());
  inv.groups.set('all', { name: 'all', hosts: Object.keys(hosts).filter((h) => !grouped.has(h)), children: Object.keys(groups), vars: allVars, source: src });
  for (const [name, members] of Object.entries(groups)) inv.groups.set(name, { name, hosts: members, children: [], vars: {}, source: src });
  return inv;
}

/** What a test run produced. */
export interface TestRun {
  recap: Recap;
  events: FerryEvent[];
  transports: Map<string, MemoryTransport>;
  /** Every command sent, in order, as `host: command`. */
  log: string[];
  results(taskName: string): Array<Extract<FerryEvent, { kind: 'host_result' }>>;
}

/** Runs plays against `inv` with one MemoryTransport per host (options per host name, `localhost` too). */
export async function runTest(
  plays: Play[],
  inv: Inventory,
  options: RunOptions = {},
  transportOptions: Record<string, MemoryTransportOptions> = {},
): Promise<TestRun> {
  const unregister = registerTestModules();
  const events: FerryEvent[] = [];
  const log: string[] = [];
  const transports = new Map<string, MemoryTransport>();
  const playbook: Playbook = { file: 'test.yaml', baseDir: '/tmp', plays };
  const recap = await runPlaybook(playbook, inv, {
    connect: async (name) => {
      let t = transports.get(name);
      if (!t) transports.set(name, (t = new LoggingTransport(name, transportOptions[name], log)));
      return t;
    },
    ...options,
  }, (e) => events.push(e)).finally(unregister);
  const results = (taskName: string) =>
    events.filter((e): e is Extract<FerryEvent, { kind: 'host_result' }> => e.kind === 'host_result' && e.task === taskName && e.item === undefined);
  return { recap, events, transports, log, results };
}

class LoggingTransport extends MemoryTransport {
  constructor(name: string, options: MemoryTransportOptions | undefined, private readonly log: string[]) {
    super(name, options);
  }
  override async exec(command: string, options?: Parameters<MemoryTransport['exec']>[1]) {
    const r = await super.exec(command, options);
    this.log.push(`${this.name}: ${command}`);
    return r;
  }
}

/** test_cmd: sends `cmd` (changed unless rc != 0 → failed); check mode not supported. */
const testCmd: Module<{ cmd: string }> = {
  name: 'test_cmd', description: 'test', argsSchema: { type: 'object' }, freeForm: 'cmd', supportsCheck: false, supportsDiff: false,
  async run(args, ctx) {
    ctx.progress(`running ${args.cmd}`);
    const r = await ctx.transport.exec(args.cmd, { become: ctx.become, onOutput: (s, t) => ctx.output(s, t) });
    const res = { changed: true, rc: r.rc, stdout: r.stdout, stderr: r.stderr, become: ctx.become?.user };
    return r.rc === 0 ? ok(res) : fail(`non-zero return code ${String(r.rc)}`, res);
  },
};

/** test_echo: returns its args as the result (`changed`/`failed` honoured); no command sent. */
const testEcho: Module = {
  name: 'test_echo', description: 'test', argsSchema: { type: 'object' }, supportsCheck: true, supportsDiff: true,
  async run(args: Record<string, unknown>) {
    return { changed: false, failed: false, ...args };
  },
};

/** test_fact: returns its args as facts, like set_fact. */
const testFact: Module = {
  name: 'test_fact', description: 'test', argsSchema: { type: 'object' }, supportsCheck: true, supportsDiff: false,
  async run(args: Record<string, unknown>) {
    return ok({ facts: args });
  },
};

/** test_raw: `that` is a condition, not templated (like assert); returns what it got. */
const testRaw: Module = {
  name: 'test_raw', description: 'test', argsSchema: { type: 'object' }, supportsCheck: true, supportsDiff: false, argRoles: { conditions: ['that'] },
  async run(args: Record<string, unknown>) {
    return ok({ got: args });
  },
};

/** Adds the test modules to the registry; returns the function that takes them out again,
 * so other areas' tests (schema export) never see them. */
export function registerTestModules(): () => void {
  const registry = modules as Map<string, Module>;
  const mine = [testCmd, testEcho, testFact, testRaw];
  for (const m of mine) registry.set(m.name, m);
  return () => {
    for (const m of mine) registry.delete(m.name);
  };
}
