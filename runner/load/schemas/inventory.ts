// JSON Schema of an Ansible-style YAML inventory. Types in types.ts describe the loaded
// model; this describes the file. Exported to schemas/inventory.schema.json for editors.

const noControl = '^[^\\u0000-\\u001f\\u007f]*$';
const address = { type: 'string', format: 'ferry-address', 'x-message': 'is not a valid IP address or hostname' };
const port = { type: 'integer', minimum: 1, maximum: 65535, 'x-message': 'is not a valid port (1-65535)' };
const text = { type: 'string', minLength: 1, pattern: noControl, 'x-message': 'must be a non-empty string without control characters' };
// Ansible's boolean(): true/false and, as INI files give them, the strings yes/no, on/off, true/false, y/n, t/f, 1/0.
const anyCase = (w: string): string => [...w].map((c) => (/[a-z]/.test(c) ? `[${c}${c.toUpperCase()}]` : c)).join('');
const flag = {
  type: ['boolean', 'string'],
  pattern: `^(${['yes', 'no', 'on', 'off', 'true', 'false', 'y', 'n', 't', 'f', '1', '0'].map(anyCase).join('|')})$`,
  'x-message': 'is not a boolean (true/false, yes/no, on/off, 1/0)',
};

/** Connection variables ferry reads (ssh_* and their ansible_* names); any other var is free. */
export const connectionVarsSchema = {
  type: ['object', 'null'],
  properties: {
    ssh_host: address,
    ansible_host: address,
    ssh_port: port,
    ansible_port: port,
    ssh_user: text,
    ansible_user: text,
    ssh_private_key_file: text,
    ansible_ssh_private_key_file: text,
    ssh_known_hosts_file: text,
    ansible_ssh_known_hosts_file: text,
    become: flag,
    ansible_become: flag,
    become_user: text,
    ansible_become_user: text,
    ansible_connection: { enum: ['ssh', 'local'] },
  },
} as const;

/** The same vars as a mapping, for vars that do not come from a YAML inventory (INI lines, scripts). */
export const connectionVarsMappingSchema = { type: 'object', properties: connectionVarsSchema.properties };

/** The inventory file: `all` (and optionally other top-level groups), nested to any depth. */
export const inventorySchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://ferry.dev/schemas/inventory.schema.json',
  title: 'ferry inventory',
  type: 'object',
  properties: { all: { $ref: '#/definitions/group' } },
  additionalProperties: { $ref: '#/definitions/group' },
  definitions: {
    group: {
      type: ['object', 'null'],
      additionalProperties: false,
      properties: {
        hosts: { type: ['object', 'null'], additionalProperties: connectionVarsSchema },
        vars: connectionVarsSchema,
        children: { type: ['object', 'null'], additionalProperties: { $ref: '#/definitions/group' } },
      },
    },
  },
} as const;
