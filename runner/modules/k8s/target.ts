// Works out which object a `k8s` task is about: from the address arguments, the definition,
// or a `src` file, arguments winning over the definition (as in Ansible's k8s module).
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KObject } from './api.js';
import type { K8sArgs } from './args.js';

/** The address of the object, and the desired object for `present`. */
export interface Target {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  plural?: string;
  definition?: KObject;
}

/** Reads one object from a YAML or JSON file (JSON is YAML); several documents are refused. */
export function readDefinitionFile(path: string): KObject {
  const docs = parseAllDocuments(readFileSync(path, 'utf8'));
  if (!Array.isArray(docs) || docs.length !== 1) throw new Error(`${path}: expected exactly one YAML document`);
  const [doc] = docs;
  if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors[0].message}`);
  const obj = doc.toJS();
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw new Error(`${path}: not a Kubernetes object`);
  return obj;
}

/** Resolves the target; throws with the missing argument named. */
export function resolveTarget(args: K8sArgs, baseDir: string): Target {
  let definition = args.definition ? structuredClone(args.definition) : undefined;
  if (args.src) {
    if (definition) throw new Error('give `definition` or `src`, not both');
    definition = readDefinitionFile(isAbsolute(args.src) ? args.src : resolve(baseDir, args.src));
  }
  const apiVersion = args.api_version ?? definition?.apiVersion;
  const kind = args.kind ?? definition?.kind;
  const name = args.name ?? definition?.metadata?.name;
  const namespace = args.namespace ?? definition?.metadata?.namespace;
  for (const [arg, value] of [['api_version', apiVersion], ['kind', kind], ['name', name]] as const) {
    if (typeof value !== 'string' || value === '') throw new Error(`\`${arg}\` is required (or set it in the definition)`);
  }
  if (definition) {
    // The definition must name the object the task addresses, or the API refuses it.
    definition.apiVersion = apiVersion;
    definition.kind = kind;
    definition.metadata = { ...definition.metadata, name, ...(namespace ? { namespace } : {}) };
  }
  return { apiVersion, kind, name, namespace, plural: args.plural, definition };
}
