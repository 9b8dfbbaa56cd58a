// Writes schemas/*.schema.json for editors (YAML language server) from the TS schemas.
// Run: npx tsx runner/load/schemas/export.ts   (a test fails when the files are stale)
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { modules } from '../../modules/registry.js';
import { inventorySchema } from './inventory.js';
import { playbookSchema, tasksSchema } from './playbook.js';
import { plainSchema } from './templatable.js';

/** File name → content of every exported schema. */
export function exportedSchemas(): Record<string, string> {
  const text = (s: object): string => `${JSON.stringify(s, null, 2)}\n`;
  return {
    'schemas/inventory.schema.json': text(plainSchema(inventorySchema) as object),
    'schemas/playbook.schema.json': text(playbookSchema(modules)),
    'schemas/tasks.schema.json': text(tasksSchema(modules)),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [file, content] of Object.entries(exportedSchemas())) writeFileSync(file, content);
}
