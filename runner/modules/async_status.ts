// async_status: how a job started by `async` with `poll: 0` is doing, read from the files it
// writes on the host (~/.ferry_async/<jid>.*). Run it with the same become as the job's task.
import { jobStatusCommand, NO_SUCH_JOB, parseJobStatus } from '../transport/async-job.js';
import { defineModule, fail, ok } from './types.js';

/** The async_status module: `finished: 1` with the job's rc, stdout and stderr once it has ended. */
export const asyncStatusModule = defineModule({
  name: 'async_status',
  description: 'Check on a job started with async and poll: 0 (finished, rc, stdout, stderr)',
  argsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['jid'],
    properties: { jid: { type: 'string', pattern: '^[0-9.]+$', description: 'the ansible_job_id the async task returned' } },
  },
  supportsCheck: true,
  supportsDiff: false,
  async run(args, ctx) {
    const r = await ctx.transport.exec(jobStatusCommand(args.jid), { become: ctx.become, signal: ctx.signal });
    if (r.rc === NO_SUCH_JOB) return fail(`could not find job ${args.jid} on ${ctx.host}`, { ansible_job_id: args.jid, finished: 1, started: 1 });
    if (r.rc !== 0) return fail(`${ctx.host}: cannot read job ${args.jid} (rc ${r.rc}): ${r.stderr.trim()}`);
    const job = parseJobStatus(r.stdout);
    if (!job.finished) return ok({ ansible_job_id: args.jid, started: 1, finished: 0 });
    const timedOut = job.rc === 124;
    return {
      changed: true, failed: job.rc !== 0, ansible_job_id: args.jid, started: 1, finished: 1, rc: job.rc, stdout: job.stdout, stderr: job.stderr,
      stdout_lines: job.stdout === '' ? [] : job.stdout.split('\n'), stderr_lines: job.stderr === '' ? [] : job.stderr.split('\n'),
      ...(timedOut ? { msg: 'async task did not complete within the requested time' } : job.rc !== 0 ? { msg: 'non-zero return code' } : {}),
    };
  },
});
