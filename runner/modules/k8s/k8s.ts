// The `k8s` module: get, present (create or merge-patch), absent (and wait until gone),
// patch, and waiting for a field, on any resource. Runs on the control machine.
import { fail, ok, type FileDiff, type Module, type ModuleContext, type ModuleResult } from '../types.js';
import { createObject, deleteObject, getObject, mergePatchObject, type KObject } from './api.js';
import { DEFAULT_WAIT, k8sArgsSchema, type K8sArgs } from './args.js';
import type { K8sClient } from './client.js';
import { describeRef, diffPath, resolveResource, type ResourceRef } from './discovery.js';
import { K8sError } from './errors.js';
import { applyMergePatch, objectsDiffer, toYaml } from './objects.js';
import { resolveTarget } from './target.js';
import { waitForField, waitGone, type WaitTiming } from './wait.js';

/** One before/after pair in the `--diff` shape. */
export function objectDiff(ref: ResourceRef, before: KObject | null, after: KObject | null): FileDiff[] {
  return [{ path: diffPath(ref), before: toYaml(before, true), after: toYaml(after, true) }];
}

interface Step {
  ctx: ModuleContext;
  client: K8sClient;
  ref: ResourceRef;
  timing: WaitTiming;
}

// Merge-patches an existing object; a patch that would change nothing is never sent.
async function patchExisting(s: Step, before: KObject, patch: KObject): Promise<ModuleResult> {
  const predicted = applyMergePatch(before, patch) as KObject;
  if (!objectsDiffer(before, predicted)) return ok({ object: before, method: 'none' });
  if (s.ctx.check) return ok({ changed: true, object: predicted, method: 'patch', diff: s.ctx.diff ? objectDiff(s.ref, before, predicted) : undefined });
  const after = await mergePatchObject(s.client, s.ref, patch);
  const changed = objectsDiffer(before, after);
  return ok({ changed, object: after, method: 'patch', diff: s.ctx.diff && changed ? objectDiff(s.ref, before, after) : undefined });
}

async function present(s: Step, definition: KObject): Promise<ModuleResult> {
  const before = await getObject(s.client, s.ref);
  if (before?.metadata?.deletionTimestamp) {
    throw new K8sError(`k8s: ${describeRef(s.ref)}: is being deleted (finalizers: ${(before.metadata.finalizers ?? []).join(', ') || 'none'}); wait for it to go before creating it again`, 409, 'Terminating');
  }
  if (before) return patchExisting(s, before, definition);
  const diff = s.ctx.diff ? objectDiff(s.ref, null, definition) : undefined;
  if (s.ctx.check) return ok({ changed: true, object: definition, method: 'create', diff });
  return ok({ changed: true, object: await createObject(s.client, s.ref, definition), method: 'create', diff });
}

async function absent(s: Step): Promise<ModuleResult> {
  const before = await getObject(s.client, s.ref);
  if (!before) return ok({ exists: false });
  const diff = s.ctx.diff ? objectDiff(s.ref, before, null) : undefined;
  if (s.ctx.check) return ok({ changed: true, exists: false, diff });
  if (!before.metadata?.deletionTimestamp) await deleteObject(s.client, s.ref);
  await waitGone(s.ctx, s.client, s.ref, s.timing);
  return ok({ changed: true, exists: false, diff });
}

async function run(args: K8sArgs, ctx: ModuleContext): Promise<ModuleResult> {
  const target = resolveTarget(args, ctx.baseDir);
  // client.js pulls in @kubernetes/client-node (~0.8 s): load it when a k8s task runs, not at start-up.
  const { clientFor } = await import('./client.js');
  const client = await clientFor(ctx, { kubeconfig: args.kubeconfig, context: args.context });
  const ref = await resolveResource(client, target);
  const s: Step = { ctx, client, ref, timing: { timeout: args.wait_timeout ?? DEFAULT_WAIT.timeout, sleep: args.wait_sleep ?? DEFAULT_WAIT.sleep } };
  const state = args.state ?? (target.definition ? 'present' : 'get');
  let result: ModuleResult;
  if (state === 'present') {
    if (!target.definition) throw new Error('state=present needs `definition` or `src`');
    result = await present(s, target.definition);
  } else if (state === 'absent') {
    return absent(s);
  } else if (state === 'patch') {
    if (!args.patch) throw new Error('state=patch needs `patch`');
    const before = await getObject(client, ref);
    if (!before) throw new K8sError(`k8s: ${describeRef(ref)}: NotFound (404): nothing to patch`, 404, 'NotFound');
    result = await patchExisting(s, before, args.patch);
  } else {
    const object = await getObject(client, ref);
    result = object ? ok({ exists: true, object }) : ok({ exists: false });
  }
  // In check mode nothing was written, so there is nothing to wait for.
  if (args.wait_for && !ctx.check) {
    result.object = await waitForField(ctx, client, ref, args.wait_for, s.timing);
    result.exists = true;
  }
  return result;
}

/** The `k8s` module. */
export const k8sModule: Module<K8sArgs> = {
  name: 'k8s',
  description: 'Get, create/merge-patch, delete (waiting out finalizers), patch or wait for any Kubernetes object',
  argsSchema: k8sArgsSchema,
  supportsCheck: true,
  supportsDiff: true,
  controlSide: true,
  async run(args, ctx) {
    try {
      return await run(args, ctx);
    } catch (err) {
      const msg = (err as Error).message;
      return fail(msg.startsWith('k8s: ') ? msg : `k8s: ${msg}`);
    }
  },
};
