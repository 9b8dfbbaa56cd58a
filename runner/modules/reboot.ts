// reboot: reboots the host and waits until it is back, as Ansible's. The boot id is read first; the
// reboot command runs detached (setsid) so its session can die with the host; then fresh connections
// poll until the boot id differs (a host that never went down is not "rebooted"), and test_command
// succeeds. Check mode reports that it would reboot.
import { FerryError } from '../errors.js';
import { shq } from '../transport/shell-quote.js';
import { freshExec, pause, pollFresh } from './support/reconnect.js';
import { defineModule, fail, ok } from './types.js';

const rebootArgsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    reboot_timeout: { type: 'number', exclusiveMinimum: 0, default: 600, description: 'seconds for the host to go down, come back and pass test_command' },
    connect_timeout: { type: 'number', exclusiveMinimum: 0, default: 5, description: 'seconds for one connection attempt' },
    pre_reboot_delay: { type: 'integer', minimum: 0, default: 0, description: 'seconds before the reboot (shutdown rounds to minutes, as Ansible)' },
    post_reboot_delay: { type: 'number', minimum: 0, default: 0, description: 'seconds to wait after the host is back, before test_command' },
    test_command: { type: 'string', minLength: 1, default: 'whoami', description: 'must succeed once the host is back' },
    msg: { type: 'string', default: 'Reboot initiated by ferry', description: 'the message shutdown broadcasts' },
    boot_time_command: { type: 'string', minLength: 1, default: 'cat /proc/sys/kernel/random/boot_id', description: 'prints something that changes with every boot' },
    reboot_command: { type: 'string', minLength: 1, description: 'instead of shutdown -r (a command line, run by the login shell)' },
  },
} as const;

/** The command that reboots, detached so the SSH session may die under it. */
export function detachedReboot(args: { pre_reboot_delay: number; msg: string; reboot_command?: string }): string {
  const minutes = Math.floor(args.pre_reboot_delay / 60);
  const reboot = args.reboot_command ?? `shutdown -r ${minutes > 0 ? `+${minutes}` : 'now'} ${shq(args.msg)}`;
  // The short sleep lets this command's answer reach the controller before sshd goes down.
  return `setsid -f sh -c ${shq(`sleep 1; ${reboot}`)} </dev/null >/dev/null 2>&1`;
}

/** The reboot module. */
export const rebootModule = defineModule({
  name: 'reboot',
  description: 'Reboot the host and wait until it is back (a new boot id) and runs test_command',
  argsSchema: rebootArgsSchema,
  supportsCheck: true,
  supportsDiff: false,
  reconnects: true,
  async run(args, ctx) {
    const started = Date.now();
    const times = { timeout: args.reboot_timeout, sleep: 1, connect_timeout: args.connect_timeout };
    // The boot id and the reboot in one command: in check mode, only the boot id.
    const command = ctx.check ? args.boot_time_command : `${args.boot_time_command} && ${detachedReboot(args)}`;
    const read = await freshExec(ctx, command, args.connect_timeout * 1000 + 10_000);
    const before = read.stdout.trim();
    if (read.rc !== 0 || !before) throw new FerryError(`${ctx.host}: reboot: boot_time_command failed (rc ${read.rc}): ${read.stderr.trim()}`);
    if (ctx.check) return ok({ changed: true, rebooted: false, msg: `would reboot ${ctx.host}` });
    ctx.progress(`rebooting ${ctx.host} (boot id ${before})`);
    const back = await pollFresh(ctx, args.boot_time_command, times, (r) => (r.rc === 0 && r.stdout.trim() !== '' && r.stdout.trim() !== before) || 'not rebooted yet (same boot id)', 'to come back');
    const elapsed = () => Math.round((Date.now() - started) / 1000);
    if (back) return fail(`${ctx.host}: reboot: ${back}`, { rebooted: false, changed: true, elapsed: elapsed() });
    if (args.post_reboot_delay > 0) await pause(args.post_reboot_delay * 1000, ctx.signal);
    const tested = await pollFresh(ctx, args.test_command, { ...times, timeout: Math.max(1, args.reboot_timeout - (Date.now() - started) / 1000) }, (r) => r.rc === 0, 'to pass test_command');
    if (tested) return fail(`${ctx.host}: back after the reboot, but test_command "${args.test_command}" did not succeed: ${tested}`, { rebooted: true, changed: true, elapsed: elapsed() });
    return ok({ changed: true, rebooted: true, elapsed: elapsed(), msg: `${ctx.host} rebooted and back in ${((Date.now() - started) / 1000).toFixed(1)} s` });
  },
});
