// Static `import_tasks: FILE`: the file's tasks are read at load time and inlined where the import
// stands. The path is relative to the importing file; the imported tasks keep source refs into
// their own file, are validated like any task, and an import cycle is refused.
import { dirname, resolve } from 'node:path';
import { ajvDiagnostics, validator } from './schemas/ajv.js';
import { taskKeywords } from './schemas/playbook.js';
import type { TaskScan } from './task.js';
import { type YamlPath, type YamlSource, diagnosticAt, readYaml } from './yaml.js';

const taskListSchema = {
  type: 'array',
  items: { $ref: '#/definitions/task' },
  definitions: { task: { type: 'object', properties: taskKeywords } },
};

/** Keys an import may carry besides `import_tasks`. */
const IMPORT_KEYS = new Set(['import_tasks', 'name']);

/** True when the raw task is an import. */
export function isImport(raw: Record<string, unknown>): boolean {
  return 'import_tasks' in raw;
}

/** Reads the file an import names; null (with diagnostics) when it cannot be used. */
export function readImport(scan: TaskScan, raw: Record<string, unknown>, path: YamlPath): { src: YamlSource; tasks: unknown[]; stack: string[] } | null {
  const file = raw.import_tasks;
  for (const key of Object.keys(raw).filter((k) => !IMPORT_KEYS.has(k))) {
    scan.diagnostics.push(diagnosticAt(scan.src, [...path, key], `import_tasks: '${key}' is not allowed on an import (put it on the imported tasks)`, 'key'));
  }
  if (typeof file !== 'string' || file === '' || file.includes('{{')) {
    scan.diagnostics.push(diagnosticAt(scan.src, [...path, 'import_tasks'], 'import_tasks: a file path (static, no templates) is required'));
    return null;
  }
  const target = resolve(dirname(scan.src.file), file);
  const stack = scan.importStack ?? [resolve(scan.src.file)];
  if (stack.includes(target)) {
    scan.diagnostics.push(diagnosticAt(scan.src, [...path, 'import_tasks'], `import_tasks: '${file}' imports itself (${[...stack, target].join(' -> ')})`));
    return null;
  }
  const src = readYaml(target);
  if (src.diagnostics.length > 0) {
    if (src.diagnostics[0].message === 'file not found') scan.diagnostics.push(diagnosticAt(scan.src, [...path, 'import_tasks'], `import_tasks: '${file}' not found (${target})`));
    else scan.diagnostics.push(...src.diagnostics);
    return null;
  }
  const data = src.doc.toJS() as unknown;
  if (data === null || data === undefined) return { src, tasks: [], stack: [...stack, target] };
  const validate = validator(taskListSchema);
  if (!Array.isArray(data)) {
    scan.diagnostics.push({ file: src.file, line: 1, col: 1, message: `import_tasks: ${file} must hold a list of tasks` });
    return null;
  }
  if (!validate(data)) scan.diagnostics.push(...ajvDiagnostics(src, validate.errors));
  return { src, tasks: data, stack: [...stack, target] };
}
