// What commands read and write, injectable so tests call them without a process.
import type { Output } from '../report/renderers/types.js';

/** The process's streams, directory and environment, or test stand-ins. */
export interface CliIo {
  stdout: Output;
  stderr: Output;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** True when the operator can answer questions (stdin and stdout are terminals). */
  interactive: boolean;
  /** Asks a question on the terminal; `hidden` for passwords. */
  ask?(question: string, hidden?: boolean): Promise<string>;
}

/** Shared between a command's flags and main: the exit code and verbosity chosen so far. */
export interface CliState {
  code: number;
  verbose: number;
}
