// Every schema the loader validates with (through `validator()`), for the build to precompile.
// A schema missing here still works (compiled at run time), only slower to start.
import { taskListSchema } from '../import-tasks.js';
import { connectionVarsMappingSchema, connectionVarsSchema, inventorySchema } from './inventory.js';
import { playbookStructureSchema } from './playbook.js';

/** The loader's schemas. */
export const loaderSchemas: object[] = [playbookStructureSchema, taskListSchema, inventorySchema, connectionVarsSchema, connectionVarsMappingSchema];
