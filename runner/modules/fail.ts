// fail: stops the host with a message, as Ansible's fail.
import { fail, type Module } from './types.js';

/** The fail module. */
export const failModule: Module<{ msg?: string }> = {
  name: 'fail',
  description: 'Fail the host with a message',
  argsSchema: { type: 'object', additionalProperties: false, properties: { msg: { type: 'string' } } },
  freeForm: 'msg',
  supportsCheck: true,
  supportsDiff: false,
  controlSide: true,
  async run(args) {
    return fail(args.msg ?? 'Failed as requested from task');
  },
};
