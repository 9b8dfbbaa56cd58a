// JSON Schemas of a playbook. The structural schema checks plays and task keywords; module
// keys are checked in code (one module, args against the module's own schema). The editor
// schema (schemas/playbook.schema.json) adds every module and its arguments to the task.
import type { Module } from '../../modules/types.js';
import { KEYWORDS } from '../keywords.js';
import { COLLECTIONS } from '../collections.js';
import { acceptTemplates, plainSchema } from './templatable.js';

const strOrList = { type: ['string', 'array'], items: { type: 'string' } };
const mapping = { type: ['object', 'null'] };
const condition = { type: ['string', 'boolean'] };
const identifier = { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$', 'x-message': 'must be a variable name (letters, digits, _)' };
const batchMessage = 'must be a number of hosts, a percentage like "30%", or a list of them';
const batch = { type: ['integer', 'string'], pattern: '^\\d+(\\.\\d+)?%$', minimum: 0, 'x-message': batchMessage };

const roleRef = { type: 'object', required: ['name'], properties: { name: { type: 'string' }, tasks_from: { type: 'string' } } };
const taskFile = { type: ['string', 'object'], properties: { file: { type: 'string' } } };

/** Tasks that bring in other tasks (runner/load/task-includes.ts). */
const includeKeywords = {
  import_tasks: taskFile,
  include_tasks: taskFile,
  import_role: roleRef,
  include_role: roleRef,
  meta: { type: 'string' },
  // Older forms, rewritten before a task is read (runner/load/task-forms.ts).
  local_action: { type: ['string', 'object'] },
  action: { type: ['string', 'object'] },
  with_items: { type: ['array', 'string'] },
  with_list: { type: ['array', 'string'] },
  with_dict: { type: ['object', 'string'] },
  with_fileglob: { type: ['array', 'string'] },
};

/** Keywords a task may hold besides its module: the schema column of the keyword table, and the includes. */
export const taskKeywords: Record<string, object> = { ...Object.fromEntries(KEYWORDS.map((k) => [k.key, k.schema])), ...includeKeywords };

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
  pre_tasks: { type: ['array', 'null'], items: { $ref: '#/definitions/task' } },
  post_tasks: { type: ['array', 'null'], items: { $ref: '#/definitions/task' } },
  handlers: { type: ['array', 'null'], items: { $ref: '#/definitions/task' } },
  roles: { type: ['array', 'null'], items: { type: ['string', 'object'], properties: { role: { type: 'string' }, name: { type: 'string' } } } },
  // Task keywords a play may set for all its tasks: the table's `play` rows.
  ...Object.fromEntries(KEYWORDS.filter((k) => k.play).map((k) => [k.key, k.schema])),
  vars_prompt: {
    type: ['array', 'null'],
    items: { type: 'object', required: ['name'], additionalProperties: false, properties: { name: identifier, prompt: { type: 'string' }, private: { type: 'boolean' }, default: {}, confirm: { type: 'boolean' }, unsafe: { type: 'boolean' } } },
  },
} as const;

/** An entry of a playbook that brings in another playbook's plays. */
const importPlaybook = {
  type: 'object',
  additionalProperties: false,
  required: ['import_playbook'],
  properties: { import_playbook: { type: 'string' }, name: { type: 'string' }, when: condition, tags: strOrList, vars: mapping },
};

function schema(task: object): object {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://ferry.dev/schemas/playbook.schema.json',
    title: 'ferry playbook',
    type: 'array',
    items: { $ref: '#/definitions/play' },
    definitions: {
      play: {
        if: { type: 'object', required: ['import_playbook'] },
        then: importPlaybook,
        else: { type: 'object', required: ['hosts'], additionalProperties: false, properties: playKeywords },
      },
      task,
    },
  };
}

/** The schema ferry validates structure with; module keys pass here and are checked in code. */
export const playbookStructureSchema = schema({ type: 'object', properties: taskKeywords });

/** The editor task: every module as a task key (also with its collection prefix, `ansible.builtin.copy`),
 * its arguments a mapping checked by its schema or `k=v` text; a template string is accepted wherever
 * the engine renders one (module arguments, templated keywords). */
function editorTask(modules: ReadonlyMap<string, Module>): { task: object; modules: Record<string, object> } {
  const defs: Record<string, object> = {};
  const moduleProps: Record<string, object> = {};
  for (const m of [...modules.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    const args = acceptTemplates(m.argsSchema, false) as object;
    defs[`module_${m.name}`] = { description: m.description, anyOf: [{ type: 'string', description: 'k=v arguments' }, args] };
    for (const key of [m.name, ...COLLECTIONS.map((c) => c + m.name)]) moduleProps[key] = { $ref: `#/definitions/module_${m.name}` };
  }
  const keywords = { ...taskKeywords, ...Object.fromEntries(KEYWORDS.filter((k) => k.template).map((k) => [k.key, acceptTemplates(k.schema)])) };
  return { task: { type: 'object', additionalProperties: false, properties: { ...keywords, ...moduleProps } }, modules: defs };
}

/** The editor schema of a playbook (schemas/playbook.schema.json), plain JSON Schema draft-07. */
export function playbookSchema(modules: ReadonlyMap<string, Module>): object {
  const editor = editorTask(modules);
  const base = schema(editor.task) as { definitions: Record<string, object> };
  return plainSchema({ ...base, definitions: { ...base.definitions, ...editor.modules } }) as object;
}

/** The editor schema of a file of tasks (import_tasks, include_tasks, a role's tasks/main.yml). */
export function tasksSchema(modules: ReadonlyMap<string, Module>): object {
  const { definitions } = playbookSchema(modules) as { definitions: Record<string, object> };
  const { play: _play, ...rest } = definitions;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://ferry.dev/schemas/tasks.schema.json',
    title: 'ferry tasks file',
    type: ['array', 'null'],
    items: { $ref: '#/definitions/task' },
    definitions: rest,
  };
}
