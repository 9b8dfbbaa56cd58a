// Static `import_tasks: FILE`: the file's tasks are read at load time and inlined where the import
// stands. The path is relative to the importing file; the imported tasks keep source refs into
// their own file, are validated like any task, and an import cycle is refused.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ajvDiagnostics, validator } from './schemas/ajv.js';
import { taskKeywords } from './schemas/playbook.js';
import type { TaskScan } from './task.js';
import { type YamlPath, type YamlSource, diagnosticAt, readYaml } from './yaml.js';

/** A task file's schema (what `import_tasks` reads). */
export const taskListSchema = {
  type: 'array',
  items: { $ref: '#/definitions/task' },
  definitions: { task: { type: 'object', properties: taskKeywords } },
};

/** Most task files one load imports (an import diamond doubles them per level). */
export const MAX_IMPORTS = 1000;
// Imports counted per load: sub-scans share their parent's diagnostics array.
const imported = new WeakMap<object, number>();

/** Reads the file an import or include names (`kind` for messages); null (with diagnostics) when it cannot be used. */
export function readImport(scan: TaskScan, file: unknown, path: YamlPath, kind = 'import_tasks'): { src: YamlSource; tasks: unknown[]; stack: string[] } | null {
  path = [...path, kind];
  if (typeof file !== 'string' || file === '' || file.includes('{{')) {
    scan.diagnostics.push(diagnosticAt(scan.src, path, `${kind}: a file path (static, no templates) is required`));
    return null;
  }
  // Relative to the file that imports it, else (as in a role's tasks/) to the role or playbook folder.
  const near = resolve(dirname(scan.src.file), file);
  const target = existsSync(near) || !scan.baseDir ? near : resolve(scan.baseDir, 'tasks', file);
  const stack = scan.importStack ?? [resolve(scan.src.file)];
  if (stack.includes(target)) {
    scan.diagnostics.push(diagnosticAt(scan.src, path, `${kind}: '${file}' imports itself (${[...stack, target].join(' -> ')})`));
    return null;
  }
  const count = (imported.get(scan.diagnostics) ?? 0) + 1;
  imported.set(scan.diagnostics, count);
  if (count > MAX_IMPORTS) {
    if (count === MAX_IMPORTS + 1) scan.diagnostics.push(diagnosticAt(scan.src, path, `${kind}: more than ${MAX_IMPORTS} imports in one load (an import diamond? limit on imports)`));
    return null;
  }
  const src = readYaml(target);
  if (src.diagnostics.length > 0) {
    if (src.diagnostics[0].message === 'file not found') scan.diagnostics.push(diagnosticAt(scan.src, path, `${kind}: '${file}' not found (${target})`));
    else scan.diagnostics.push(...src.diagnostics);
    return null;
  }
  const data = src.doc.toJS() as unknown;
  if (data === null || data === undefined) return { src, tasks: [], stack: [...stack, target] };
  const validate = validator(taskListSchema);
  if (!Array.isArray(data)) {
    scan.diagnostics.push({ file: src.file, line: 1, col: 1, message: `${kind}: ${file} must hold a list of tasks` });
    return null;
  }
  if (!validate(data)) scan.diagnostics.push(...ajvDiagnostics(src, validate.errors));
  return { src, tasks: data, stack: [...stack, target] };
}
