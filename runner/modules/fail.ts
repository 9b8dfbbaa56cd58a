// fail: stops the host with a message, as Ansible's fail.
import { defineModule, fail } from './types.js';

/** The fail module. */
export const failModule = defineModule({
  name: 'fail',
  description: 'Fail the host with a message',
  argsSchema: { type: 'object', additionalProperties: false, properties: { msg: { type: 'string', default: 'Failed as requested from task' } } },
  freeForm: 'msg',
  supportsCheck: true,
  supportsDiff: false,
  controlSide: true,
  async run(args) {
    return fail(args.msg);
  },
});
