// Reads and writes the lab state file; every write is synchronous and atomic, so a kill leaves a whole file.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeMirror, writeMirror } from './registry.js';
import { emptyState, parseState, withResource, withoutResource, type LabState, type Resource } from './state.js';

/** Path of the state file in a lab dir. */
export function stateFile(dir: string): string {
  return join(dir, 'state.json');
}

/** The recorded state, or null when no lab is recorded in `dir`. */
export function loadState(dir: string): LabState | null {
  const file = stateFile(dir);
  if (!existsSync(file)) return null;
  return parseState(readFileSync(file, 'utf8'), file);
}

/** Holds the state in memory and writes it through on every change. */
export class StateStore {
  /** `registry`: where the machine-wide copy goes (see registry.ts); tests pass their own. */
  constructor(public state: LabState, private readonly registry?: string) {}

  /** Starts a fresh record for `dir` (the previous lab must be torn down first). */
  static fresh(dir: string, registry?: string): StateStore {
    const store = new StateStore(emptyState(dir), registry);
    store.save();
    return store;
  }

  /** Records a resource; call it BEFORE creating the resource. */
  record(r: Resource): void {
    this.state = withResource(this.state, r);
    this.save();
  }

  /** Forgets a resource once it is gone. */
  forget(r: Resource): void {
    this.state = withoutResource(this.state, r);
    this.save();
  }

  /** Applies any other change and saves. */
  update(change: (s: LabState) => LabState): void {
    this.state = change(this.state);
    this.save();
  }

  /** Writes state.json atomically (temp file + rename). */
  save(): void {
    mkdirSync(this.state.dir, { recursive: true });
    const file = stateFile(this.state.dir);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.state, null, 2) + '\n');
    renameSync(tmp, file);
    writeMirror(this.state, this.registry);
  }

  /** Removes state.json: nothing of the lab is left. */
  remove(): void {
    rmSync(stateFile(this.state.dir), { force: true });
    removeMirror(this.state.dir, this.registry);
  }
}
