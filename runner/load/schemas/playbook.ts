// JSON Schemas of a playbook. The structural schema checks plays and task keywords; module
// keys are checked in code (one module, args against the module's own schema). The editor
// schema (schemas/playbook.schema.json) adds every module and its arguments to the task.
import type { Module } from '../../modules/types.js';
import { KEYWORDS } from '../keywords.js';

const strOrList = { type: ['string', 'array'], items: { type: 'string' } };
const mapping = { type: ['object', 'null'] };
const batchMessage = 'must be a number of hosts, a percentage like "30%", or a list of them';
const batch = { type: ['integer', 'string'], pattern: '^\\d+(\\.\\d+)?%$', minimum: 0, 'x-message': batchMessage };

/** Keywords a task may hold besides its module: the schema column of the keyword table. */
export const taskKeywords: Record<string, object> = Object.fromEntries(KEYWORDS.map((k) => [k.key, k.schema]));

/** Keywords of a play. */
export const playKeywords = {
  name: { type: 'string' },
  hosts: strOrList,
  vars: mapping,
  vars_files: strOrList,
  serial: { type: ['integer', 'string', 'array'], pattern: batch.pattern, minimum: 0, items: batch, 'x-message': batchMessage },
  strategy: { enum: ['linear', 'free'] },
  become: { type: 'boolean' },
  become_user: { type: 'string' },
  any_errors_fatal: { type: 'boolean' },
  max_fail_percentage: { type: 'number', minimum: 0, maximum: 100 },
  gather_facts: { type: 'boolean' },
  tags: strOrList,
  tasks: { type: ['array', 'null'], items: { $ref: '#/definitions/task' } },
  handlers: { type: ['array', 'null'], items: { $ref: '#/definitions/task' } },
} as const;

function schema(task: object): object {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://ferry.dev/schemas/playbook.schema.json',
    title: 'ferry playbook',
    type: 'array',
    items: { $ref: '#/definitions/play' },
    definitions: {
      play: { type: 'object', required: ['hosts'], additionalProperties: false, properties: playKeywords },
      task,
    },
  };
}

/** The schema ferry validates structure with; module keys pass here and are checked in code. */
export const playbookStructureSchema = schema({ type: 'object', properties: taskKeywords });

/** The editor schema: every module as a task key, with its argument schema (or free-form string). */
export function playbookSchema(modules: ReadonlyMap<string, Module>): object {
  const moduleProps: Record<string, object> = {};
  for (const m of [...modules.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    const args = { ...m.argsSchema, description: m.description };
    moduleProps[m.name] = m.freeForm ? { anyOf: [{ type: 'string' }, args], description: m.description } : args;
  }
  return schema({ type: 'object', additionalProperties: false, properties: { ...taskKeywords, ...moduleProps } });
}
