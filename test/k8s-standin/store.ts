// STAND-IN: the object store behind the stand-in API server, with just enough of a
// StorageOS operator: a finalizer that delays deletion, Creating → Running, and one cluster only.
import { randomUUID } from 'node:crypto';
import type { ResourceType } from './resources.js';

export const STORAGEOS_FINALIZER = 'finalizer.storageoscluster.storageos.com';

/** A stored object (plain JSON). */
export type Obj = Record<string, any>;

/** Timing knobs of the pretend operator. */
export interface StoreOptions {
  /** How long an object with a finalizer stays Terminating after DELETE. */
  deleteDelayMs: number;
  /** How long a new StorageOSCluster stays Creating before it is Running. */
  runningDelayMs: number;
}

function key(t: ResourceType, ns: string | undefined, name: string): string {
  return `${t.group}/${t.plural}/${ns ?? ''}/${name}`;
}

/** Objects keyed by type, namespace and name; resourceVersion is one global counter, as in etcd. */
export class ObjectStore {
  private readonly objects = new Map<string, { type: ResourceType; obj: Obj }>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private rv = 100;

  constructor(readonly options: StoreOptions) {}

  /** The next resourceVersion, as a string like the real server. */
  nextVersion(): string {
    return String(++this.rv);
  }

  get(t: ResourceType, ns: string | undefined, name: string): Obj | undefined {
    return this.objects.get(key(t, ns, name))?.obj;
  }

  list(t: ResourceType, ns?: string): Obj[] {
    return [...this.objects.values()]
      .filter((e) => e.type === t && (ns === undefined || e.obj.metadata.namespace === ns))
      .map((e) => e.obj);
  }

  /** Stores a new object, filling server-set metadata, and starts the operator's reaction. */
  create(t: ResourceType, ns: string | undefined, body: Obj): Obj {
    const obj: Obj = structuredClone(body);
    obj.metadata = {
      ...obj.metadata,
      ...(ns ? { namespace: ns } : {}),
      uid: randomUUID(),
      resourceVersion: this.nextVersion(),
      creationTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      generation: 1,
      managedFields: [{ manager: 'ferry-standin', operation: 'Update', apiVersion: obj.apiVersion, time: new Date().toISOString() }],
    };
    delete obj.status; // status is server-owned: a client cannot create it
    if (t.plural === 'storageosclusters') this.startOperator(t, obj);
    this.objects.set(key(t, ns, obj.metadata.name), { type: t, obj });
    return obj;
  }

  /** Replaces an object (PUT/PATCH result); bumps resourceVersion, and generation when spec changed. */
  replace(t: ResourceType, ns: string | undefined, name: string, next: Obj): Obj {
    const prev = this.get(t, ns, name)!;
    if (JSON.stringify(prev) === JSON.stringify(next)) return prev; // a no-op write keeps the version
    if (JSON.stringify(prev.spec) !== JSON.stringify(next.spec)) next.metadata.generation = (prev.metadata.generation ?? 1) + 1;
    next.metadata.resourceVersion = this.nextVersion();
    this.objects.set(key(t, ns, name), { type: t, obj: next });
    return next;
  }

  /** Removes an object outright (no finalizers, no Terminating). */
  drop(t: ResourceType, ns: string | undefined, name: string): void {
    this.objects.delete(key(t, ns, name));
  }

  /** DELETE: gone at once without finalizers; otherwise Terminating until the delay passes. */
  delete(t: ResourceType, ns: string | undefined, name: string): { obj: Obj; gone: boolean } {
    const obj = this.get(t, ns, name)!;
    if (!obj.metadata.finalizers?.length) {
      this.objects.delete(key(t, ns, name));
      return { obj, gone: true };
    }
    if (!obj.metadata.deletionTimestamp) {
      obj.metadata.deletionTimestamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      obj.metadata.resourceVersion = this.nextVersion();
      if (obj.status) obj.status.phase = 'Terminating';
      this.later(this.options.deleteDelayMs, () => this.objects.delete(key(t, ns, name)));
    }
    return { obj, gone: false };
  }

  private startOperator(t: ResourceType, obj: Obj): void {
    obj.metadata.finalizers = [...new Set([...(obj.metadata.finalizers ?? []), STORAGEOS_FINALIZER])];
    // The real operator refuses a second cluster, including one still terminating.
    if (this.list(t).length > 0) {
      obj.status = { phase: 'Pending', message: "can't create more than one storageos cluster" };
      return;
    }
    obj.status = { phase: 'Creating' };
    const { uid, name, namespace } = obj.metadata;
    this.later(this.options.runningDelayMs, () => {
      // Look the object up again: a PATCH may have replaced it since.
      const cur = this.get(t, namespace, name);
      if (!cur || cur.metadata.uid !== uid || cur.metadata.deletionTimestamp) return;
      cur.status = { ...cur.status, phase: 'Running' };
      cur.metadata.resourceVersion = this.nextVersion();
    });
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  /** Stops pending timers (server shutdown). */
  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
