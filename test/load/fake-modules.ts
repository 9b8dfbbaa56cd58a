// A small module map for loader tests, independent of the real modules' progress; the loader
// knows them only by what they declare (argRoles), never by name.
import type { Module } from '../../runner/modules/types.js';

const base = { description: 'test', supportsCheck: true, supportsDiff: false, run: async () => ({ changed: false, failed: false }) };

/** Modules with the argument shapes the fixtures use. */
export const fakeModules: ReadonlyMap<string, Module> = new Map(
  [
    { ...base, name: 'command', freeForm: 'cmd', argsSchema: { type: 'object', additionalProperties: false, required: ['cmd'], properties: { cmd: { type: 'string' }, chdir: { type: 'string' } } } },
    { ...base, name: 'template', argRoles: { templateFiles: ['src'] }, argsSchema: { type: 'object', additionalProperties: false, required: ['src', 'dest'], properties: { src: { type: 'string' }, dest: { type: 'string' }, mode: { type: 'string' } } } },
    { ...base, name: 'set_fact', argRoles: { keysDefineVars: true }, argsSchema: { type: 'object' } },
    { ...base, name: 'assert', argRoles: { conditions: ['that'] }, argsSchema: { type: 'object', required: ['that'], properties: { that: { type: ['string', 'array'] }, msg: { type: 'string' } } } },
    { ...base, name: 'debug', argRoles: { variables: ['var'] }, argsSchema: { type: 'object', additionalProperties: false, properties: { msg: {}, var: { type: 'string' } } } },
    { ...base, name: 'wait_for', argsSchema: { type: 'object', additionalProperties: false, properties: { host: { type: 'string' }, port: { type: 'integer', minimum: 1, maximum: 65535 }, timeout: { type: 'integer' } } } },
  ].map((m) => [m.name, m as Module]),
);
