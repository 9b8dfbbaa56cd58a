// pause: waits a number of seconds (ending early on abort) or asks the operator on the TTY.
import { setTimeout as delay } from 'node:timers/promises';
import { FerryError } from '../errors.js';
import { defineModule, fail, ok } from './types.js';

/** The pause module. A prompt with no interactive terminal fails instead of hanging. */
export const pauseModule = defineModule({
  name: 'pause',
  description: 'Wait some seconds, or until the operator answers a prompt',
  argsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      seconds: { type: 'number', minimum: 0 },
      minutes: { type: 'number', minimum: 0 },
      prompt: { type: 'string' },
    },
  },
  supportsCheck: true,
  supportsDiff: false,
  controlSide: true,
  async run(args, ctx) {
    const seconds = args.seconds ?? (args.minutes !== undefined ? args.minutes * 60 : undefined);
    if (seconds !== undefined) {
      ctx.progress(`${args.prompt ? `${args.prompt}: ` : ''}pausing for ${seconds} s`);
      const completed = await sleep(seconds * 1000, ctx.signal);
      return completed ? ok({ msg: `paused for ${seconds} s` }) : fail(`${ctx.host}: pause interrupted`);
    }
    const question = args.prompt ?? 'Press enter to continue';
    if (!ctx.interactive || !ctx.prompt) {
      throw new FerryError(`${ctx.host}: pause needs an interactive terminal to ask "${question}" (stdin is not a TTY); use seconds: to wait instead`);
    }
    const answer = await ctx.prompt(question);
    return ok({ user_input: answer, msg: `answered: ${answer}` });
  },
});

/** Resolves true after `ms`, or false as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return delay(ms, true, { signal }).catch(() => false);
}
