// Async jobs on a host (`async` with `poll: 0`): the command starts detached under `timeout`,
// writing its output and exit code to ~/.ferry_async/<jid>.* of the user it runs as, and the
// task moves on; async_status reads those files back. Like Ansible's ~/.ansible_async.
import { shq } from './shell-quote.js';

/** Where a job's files live, as the shell on the host spells it. */
export const JOB_DIR = '"$HOME/.ferry_async"';

/** A command that starts `command` detached (killed after `seconds`) and prints `started`. */
export function launchJobCommand(jid: string, command: string, seconds: number): string {
  const f = `"$d"/${shq(jid)}`;
  const inner = `d=${JOB_DIR}; timeout ${seconds} sh -c ${shq(command)} > ${f}.out 2> ${f}.err; echo $? > ${f}.rc.tmp && mv ${f}.rc.tmp ${f}.rc`;
  return `d=${JOB_DIR}; mkdir -p "$d" && chmod 700 "$d" && : > ${f}.out && (setsid sh -c ${shq(inner)} < /dev/null > /dev/null 2>&1 &) && echo started`;
}

/** Exit code of jobStatusCommand when no job has that id. */
export const NO_SUCH_JOB = 3;

/** Prints `rc=N` (finished) or `running`, then the job's stdout and stderr, base64, after markers. */
export function jobStatusCommand(jid: string): string {
  const f = `"$d"/${shq(jid)}`;
  return `d=${JOB_DIR}; [ -e ${f}.out ] || exit ${NO_SUCH_JOB}; if [ -f ${f}.rc ]; then echo "rc=$(cat ${f}.rc)"; else echo running; fi; echo ---out; base64 < ${f}.out; echo ---err; base64 < ${f}.err 2>/dev/null; true`;
}

/** A job's state from jobStatusCommand's output. */
export function parseJobStatus(stdout: string): { finished: boolean; rc?: number; stdout: string; stderr: string } {
  const [head = '', rest = ''] = stdout.split('\n---out\n');
  const [out = '', err = ''] = rest.split('\n---err\n');
  const text = (b64: string) => Buffer.from(b64.replace(/\s+/g, ''), 'base64').toString('utf8').replace(/\n$/, '');
  const m = /^rc=(\d+)/.exec(head.trim());
  return { finished: m !== null, ...(m ? { rc: Number(m[1]) } : {}), stdout: text(out), stderr: text(err) };
}
