// Polling the real object until it is gone or a field has a value, with a timeout and
// progress lines; watches would be faster but polling survives proxies and reconnects.
import { setTimeout as delay } from 'node:timers/promises';
import type { ModuleContext } from '../types.js';
import { getObject, type KObject } from './api.js';
import type { K8sClient } from './client.js';
import { describeRef, type ResourceRef } from './discovery.js';
import { K8sError } from './errors.js';
import { getField } from './objects.js';

/** Timing of a wait, in seconds (Ansible's wait_timeout / wait_sleep). */
export interface WaitTiming {
  timeout: number;
  sleep: number;
}

/** A field condition: `equals` a value, or `in` one of several. */
export interface FieldCondition {
  field: string;
  equals?: unknown;
  in?: unknown[];
}

/** Polls `test` until it returns a value other than undefined, or throws after the timeout. */
async function poll<T>(ctx: ModuleContext, timing: WaitTiming, test: () => Promise<T | undefined>, onTimeout: () => string): Promise<T> {
  const deadline = Date.now() + timing.timeout * 1000;
  for (;;) {
    const value = await test();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) throw new K8sError(onTimeout(), 0, 'Timeout');
    await delay(Math.min(timing.sleep * 1000, Math.max(deadline - Date.now(), 1)), undefined, { signal: ctx.signal });
  }
}

/** Waits until the object no longer exists (finalizers done). */
export async function waitGone(ctx: ModuleContext, c: K8sClient, ref: ResourceRef, timing: WaitTiming): Promise<void> {
  let last: KObject | null = null;
  await poll(ctx, timing, async () => {
    last = await getObject(c, ref);
    if (!last) return true;
    ctx.progress(`${describeRef(ref)}: still there${last.metadata?.deletionTimestamp ? ' (terminating, finalizers: ' + (last.metadata.finalizers ?? []).join(', ') + ')' : ''}`);
    return undefined;
  }, () => `k8s: ${describeRef(ref)}: still present after ${timing.timeout}s` +
    (last?.metadata?.finalizers?.length ? ` (finalizers: ${last.metadata.finalizers.join(', ')})` : ''));
}

/** True when the object's field meets the condition. */
export function conditionMet(obj: KObject, cond: FieldCondition): boolean {
  const value = getField(obj, cond.field);
  if (cond.in) return cond.in.some((v) => JSON.stringify(v) === JSON.stringify(value));
  return JSON.stringify(value) === JSON.stringify(cond.equals);
}

/** Waits until the object exists and meets the condition; returns it. */
export async function waitForField(ctx: ModuleContext, c: K8sClient, ref: ResourceRef, cond: FieldCondition, timing: WaitTiming): Promise<KObject> {
  let seen: unknown = '(object absent)';
  const want = cond.in ? `one of ${JSON.stringify(cond.in)}` : JSON.stringify(cond.equals);
  return poll(ctx, timing, async () => {
    const obj = await getObject(c, ref);
    if (obj && conditionMet(obj, cond)) return obj;
    const now = obj ? JSON.stringify(getField(obj, cond.field) ?? null) : '(object absent)';
    if (now !== seen) ctx.progress(`${describeRef(ref)}: ${cond.field} is ${now}, waiting for ${want}`);
    seen = now;
    return undefined;
  }, () => `k8s: ${describeRef(ref)}: ${cond.field} is ${seen}, not ${want}, after ${timing.timeout}s`);
}
