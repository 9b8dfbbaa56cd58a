// Everything the engine tracks about one inventory host over a run.
import type { Vars } from '../load/types.js';
import type { HostCounts } from '../report/events.js';

/** A zeroed recap line. */
export function zeroCounts(): HostCounts {
  return { ok: 0, changed: 0, failed: 0, skipped: 0, unreachable: 0, rescued: 0, ignored: 0 };
}

/** One host's run state: counts, facts and registered results, failure flags, pending handlers. */
export class HostState {
  /** Failed (and not rescued): the host drops out of the rest of the run. */
  failed = false;
  unreachable = false;
  /** Set once the host took part in a play, so the recap lists only those hosts. */
  seen = false;
  readonly counts: HostCounts = zeroCounts();
  /** Facts and registered results; they outlive the play, as in Ansible. */
  readonly runtime: Vars = {};
  /** Handler names (or `listen` topics) this host notified in the current batch. */
  readonly notified = new Set<string>();
  /** Inventory < play vars < vars_files for the current play, untemplated. */
  layers: Vars = {};
  /** The merged view for the current play; this same object is `hostvars[name]`, so facts show up live. */
  readonly vars: Vars = {};
  /** Set when runtime changed and templated layer vars may need resolving again. */
  dirty = true;
  /** Whether any layer var holds a template (only then does a runtime change call for a refresh). */
  templatedLayers = true;

  constructor(readonly name: string) {}

  /** Still taking part: neither failed nor unreachable. */
  get active(): boolean {
    return !this.failed && !this.unreachable;
  }

  /** Records a fact or registered value; extra vars still win over it. */
  setRuntime(name: string, value: unknown, extra: Vars): void {
    this.runtime[name] = value;
    if (!(name in extra)) this.vars[name] = value;
    if (this.templatedLayers) this.dirty = true;
  }
}
