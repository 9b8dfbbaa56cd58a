// The real process as a CliIo: stdio, and questions on the terminal (hidden input for passwords).
import { createInterface } from 'node:readline';
import type { CliIo } from './io.js';

/** The process's own streams and environment. */
export function processIo(): CliIo {
  const interactive = !!process.stdin.isTTY && !!process.stdout.isTTY;
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env,
    interactive,
    ask: interactive ? ask : undefined,
  };
}

// Hidden questions mute readline's echo of what is typed.
function ask(question: string, hidden = false): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  let muted = false;
  const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput.bind(rl);
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
    if (!muted || s.includes('\n')) write(muted ? '\n' : s);
  };
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      resolve(answer);
    });
    muted = hidden;
  });
}
