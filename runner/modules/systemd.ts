// systemd: reads the unit's state in one command, then issues only the systemctl calls that
// close a difference. daemon-reload runs only when systemd says a unit file changed, so a
// second run of a playbook reports no change.
import { tail, TaskError } from '../errors.js';
import { describeExit } from '../transport/exit.js';
import { shq } from '../transport/shell-quote.js';
import { readFact } from './facts/fact.js';
import { unitState, type UnitState } from './facts/systemd-unit.js';
import { runCommand } from './support/run.js';
import { defineModule, fail, ok, type ArgsOf, type ModuleContext, type ModuleResult } from './types.js';

/** The systemd module's arguments. */
const systemdArgsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, description: 'unit name, e.g. etcd or etcd.service' },
    state: { enum: ['started', 'stopped', 'restarted', 'reloaded'] },
    enabled: { type: 'boolean' },
    daemon_reload: { type: 'boolean', description: 'reload unit files first, when systemd reports one changed' },
    masked: { type: 'boolean' },
    no_block: { type: 'boolean', default: false, description: 'queue the start/stop/restart/reload and return (systemctl --no-block); a Type=notify unit may take long to report ready' },
  },
  // As Ansible: a unit to act on, or daemon_reload alone.
  anyOf: [{ required: ['name'] }, { required: ['daemon_reload'] }],
} as const;

type SystemdArgs = ArgsOf<typeof systemdArgsSchema>;

const ENABLED = new Set(['enabled', 'enabled-runtime', 'static', 'alias', 'indirect', 'generated']);
const RUNNING = new Set(['active', 'activating', 'reloading', 'refreshing']);

/** The systemctl commands that bring a unit from `s` to `args` (pure; daemon-reload excluded).
 * `--` ends the options: a unit name from a variable is never read as one (`--root=/`). */
export function planUnit(args: SystemdArgs & { name: string }, s: UnitState): string[] {
  const n = shq(args.name);
  const commands: string[] = [];
  const job = args.no_block ? 'systemctl --no-block' : 'systemctl';
  if (args.masked === true && s.UnitFileState !== 'masked') commands.push(`systemctl mask -- ${n}`);
  if (args.masked === false && s.UnitFileState === 'masked') commands.push(`systemctl unmask -- ${n}`);
  if (args.enabled === true && !ENABLED.has(s.UnitFileState)) commands.push(`systemctl enable -- ${n}`);
  if (args.enabled === false && (s.UnitFileState === 'enabled' || s.UnitFileState === 'enabled-runtime')) commands.push(`systemctl disable -- ${n}`);
  switch (args.state) {
    case 'started':
      if (s.ActiveState !== 'active') commands.push(`${job} start -- ${n}`);
      break;
    case 'stopped':
      if (RUNNING.has(s.ActiveState)) commands.push(`${job} stop -- ${n}`);
      break;
    case 'restarted':
      commands.push(`${job} restart -- ${n}`);
      break;
    case 'reloaded':
      // As Ansible: a stopped unit is started rather than reloaded.
      commands.push(s.ActiveState === 'active' ? `${job} reload -- ${n}` : `${job} start -- ${n}`);
      break;
  }
  return commands;
}

/** The systemd module. */
export const systemdModule = defineModule({
  name: 'systemd',
  description: 'Start, stop, restart, reload, enable, disable or mask a systemd unit; acts only on a difference',
  argsSchema: systemdArgsSchema,
  supportsCheck: true,
  supportsDiff: false,
  async run(args, ctx) {
    const name = args.name;
    if (name === undefined) return reloadOnly(ctx, args);
    let state = await readFact(ctx, unitState(name));
    const done: string[] = [];
    const reload = args.daemon_reload && (state.NeedDaemonReload === 'yes' || state.LoadState === 'not-found');
    if (reload) {
      done.push('systemctl daemon-reload');
      if (!ctx.check) {
        await systemctl(ctx, 'systemctl daemon-reload');
        state = await readFact(ctx, unitState(name));
      }
    }
    const wantsUnit = args.state !== undefined || args.enabled !== undefined || args.masked === false;
    if (wantsUnit && state.LoadState === 'not-found' && !(ctx.check && reload)) {
      return fail(`${ctx.host}: unit ${args.name} not found (LoadState=not-found); is its unit file installed${args.daemon_reload ? '' : ' and daemon_reload set'}?`, { status: state });
    }
    const commands = planUnit({ ...args, name }, state);
    if (!ctx.check) {
      for (const command of commands) await systemctl(ctx, command, name);
      if (commands.length) state = await readFact(ctx, unitState(name));
      const started = args.state === 'started' || args.state === 'restarted' || args.state === 'reloaded';
      if (started && commands.length && state.ActiveState !== 'active' && state.ActiveState !== 'activating') {
        return fail(`${ctx.host}: ${args.name} is ${state.ActiveState} (${state.SubState}) after start\n${await journal(ctx, name)}`, { changed: true, status: state });
      }
    }
    done.push(...commands);
    return ok({ changed: done.length > 0, name: args.name, status: state, commands: done, msg: done.length ? done.join('; ') : `${args.name} already as wanted` });
  },
});

/** `daemon_reload` without a unit: systemd rereads its unit files (not in check mode); as Ansible, no change is reported. */
async function reloadOnly(ctx: ModuleContext, args: SystemdArgs): Promise<ModuleResult> {
  if (args.state !== undefined || args.enabled !== undefined || args.masked !== undefined) throw new TaskError('systemd: state, enabled and masked need name', { host: ctx.host, task: ctx.task });
  if (!args.daemon_reload) return ok({ msg: 'nothing to do (daemon_reload: false and no name)' });
  if (!ctx.check) await systemctl(ctx, 'systemctl daemon-reload');
  return ok({ commands: ['systemctl daemon-reload'], msg: ctx.check ? 'would reload unit files (systemctl daemon-reload)' : 'systemctl daemon-reload' });
}

async function systemctl(ctx: ModuleContext, command: string, unit?: string): Promise<void> {
  const r = await runCommand(ctx, command);
  if (r.rc === 0) return;
  const logs = unit && /start|restart|reload/.test(command) ? `\n${await journal(ctx, unit)}` : '';
  throw new TaskError(`${ctx.host}: \`${command}\` failed (${describeExit(r)}): ${tail(r.stderr)}${logs}`, { host: ctx.host, task: ctx.task, command });
}

/** The unit's last journal lines, for a failed start. */
async function journal(ctx: ModuleContext, name: string): Promise<string> {
  const r = await ctx.transport.exec(`journalctl --unit=${shq(name)} -n 10 --no-pager`, { become: ctx.become, signal: ctx.signal });
  return r.rc === 0 && r.stdout.trim() ? `last journal lines:\n${r.stdout.trimEnd()}` : '';
}
