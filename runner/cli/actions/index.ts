// What each command does, behind one interface: main.ts loads these on use (fast `--help`),
// tests pass them in directly.
import type { CliIo } from '../io.js';
import type { AdhocFlags } from './adhoc.js';
import type { InventoryFlags } from './inventory.js';
import type { PlayFlags } from './play.js';

/** One function per command; each resolves with the exit code. */
export interface Actions {
  play(playbook: string, flags: PlayFlags, io: CliIo): Promise<number>;
  adhoc(pattern: string, flags: AdhocFlags, io: CliIo): Promise<number>;
  inventory(flags: InventoryFlags, io: CliIo): Promise<number>;
  validate(playbook: string, flags: { inventory: string | string[]; extraVars: string[] }, io: CliIo): Promise<number>;
  render(template: string, flags: { inventory: string | string[]; host: string; extraVars: string[] }, io: CliIo): Promise<number>;
  convert(files: string[], flags: { dryRun: boolean }, io: CliIo): Promise<number>;
}

/** The actions, each imported on first use. */
export const lazyActions: Actions = {
  play: async (...a) => (await import('./play.js')).runPlayCommand(...a),
  adhoc: async (...a) => (await import('./adhoc.js')).runAdhocCommand(...a),
  inventory: async (...a) => (await import('./inventory.js')).runInventoryCommand(...a),
  validate: async (...a) => (await import('./validate.js')).runValidateCommand(...a),
  render: async (...a) => (await import('./render.js')).runRenderCommand(...a),
  convert: async (...a) => (await import('./convert.js')).runConvertCommand(...a),
};
