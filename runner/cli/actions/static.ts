// The actions imported up front (tests, embedding): same behaviour as lazyActions.
import { runAdhocCommand } from './adhoc.js';
import { runConvertCommand } from './convert.js';
import type { Actions } from './index.js';
import { runInventoryCommand } from './inventory.js';
import { runPlayCommand } from './play.js';
import { runRenderCommand } from './render.js';
import { runValidateCommand } from './validate.js';

/** Every action, loaded now. */
export const staticActions: Actions = {
  play: runPlayCommand,
  adhoc: runAdhocCommand,
  inventory: async (...a) => runInventoryCommand(...a),
  validate: async (...a) => runValidateCommand(...a),
  render: async (...a) => runRenderCommand(...a),
  convert: async (...a) => runConvertCommand(...a),
};
