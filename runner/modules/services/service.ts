// service: Ansible's generic service module. Lab and target hosts run systemd, so, as Ansible's
// service action does on a systemd host, it is the systemd module; the options only SysV init
// reads (pattern, runlevel, sleep, arguments) are accepted and ignored, with a warning.
import { systemdModule } from '../systemd.js';
import { defineModule } from '../types.js';

const IGNORED = ['pattern', 'runlevel', 'sleep', 'arguments'] as const;

/** The service module. */
export const serviceModule = defineModule({
  name: 'service',
  description: 'Start, stop, restart, reload, enable or disable a service (through systemd)',
  argsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      name: { type: 'string', minLength: 1, description: 'service name, e.g. ssh or nginx.service' },
      state: { enum: ['started', 'stopped', 'restarted', 'reloaded'] },
      enabled: { type: 'boolean' },
      use: { enum: ['auto', 'systemd'], default: 'auto', description: 'only systemd is supported' },
      pattern: { type: 'string', description: 'ignored (SysV init only)' },
      runlevel: { type: 'string', description: 'ignored (SysV init only)' },
      sleep: { type: 'integer', minimum: 0, description: 'ignored (SysV init only)' },
      arguments: { type: 'string', description: 'ignored (SysV init only)' },
    },
    anyOf: [{ required: ['state'] }, { required: ['enabled'] }],
  },
  supportsCheck: true,
  supportsDiff: false,
  async run(args, ctx) {
    const result = await systemdModule.run({ name: args.name, state: args.state, enabled: args.enabled, no_block: false }, ctx);
    const ignored = IGNORED.filter((k) => args[k] !== undefined && args[k] !== '');
    return ignored.length ? { ...result, warnings: [`ignoring ${ignored.join(', ')}: not used with systemd`] } : result;
  },
});
