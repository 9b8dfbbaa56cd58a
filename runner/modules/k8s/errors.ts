// Kubernetes failures as one line a person can act on: the resource, the Status reason and code,
// the server's message (field causes for 422). Never the raw HTTP exchange.
import { STATUS_CODES } from 'node:http';
import type { ApiException } from '@kubernetes/client-node';
import { FerryError } from '../../errors.js';

/** A failed API call; `code` is the HTTP status (0 when the server was not reached). */
export class K8sError extends FerryError {
  override name = 'K8sError';
  constructor(message: string, readonly code: number, readonly reason: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

interface StatusLike {
  kind?: string;
  reason?: string;
  message?: string;
  code?: number;
  details?: { causes?: Array<{ field?: string; message?: string }> };
}

function parseBody(body: unknown): StatusLike | undefined {
  if (body && typeof body === 'object') return body as StatusLike;
  if (typeof body !== 'string') return undefined;
  try {
    const parsed = JSON.parse(body);
    return parsed && typeof parsed === 'object' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

const HINTS: Record<number, string> = {
  401: 'the credentials were refused: check the token or client certificate of the context',
  403: 'the credentials lack permission (RBAC) for this',
};

/** Turns anything an API call threw into a K8sError naming `what` (e.g. "StorageOSCluster ns/name"). */
export function toK8sError(err: unknown, what: string): K8sError {
  if (err instanceof K8sError) return err;
  if (isApiException(err)) {
    const status = parseBody(err.body);
    // Some generated calls (discovery) drop the body on errors: fall back to the HTTP reason.
    const phrase = STATUS_CODES[err.code] ?? 'Failure';
    const reason = status?.reason || phrase.replace(/\s+/g, '');
    const causes = (status?.details?.causes ?? []).filter((c) => c.field || c.message);
    let message = causes.length > 0
      ? causes.map((c) => [c.field, c.message].filter(Boolean).join(': ')).join('; ')
      : status?.message ?? (typeof err.body === 'string' && err.body ? firstLine(err.body) : phrase);
    if (HINTS[err.code]) message = `${message} (${HINTS[err.code]})`;
    return new K8sError(`k8s: ${what}: ${reason} (${err.code}): ${message}`, err.code, reason, { cause: err });
  }
  const text = err instanceof Error ? err.message : String(err);
  return new K8sError(`k8s: ${what}: ${firstLine(text)}`, 0, 'Unreachable', { cause: err });
}

// Recognised by shape, not `instanceof`: importing the library costs ~0.8 s of every run's
// start-up, so it loads only when a k8s task first builds a client (client.ts).
function isApiException(err: unknown): err is ApiException<unknown> {
  return err instanceof Error && err.constructor.name === 'ApiException' && typeof (err as { code?: unknown }).code === 'number';
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}...` : line || 'no message';
}

/** True for a 404 from the server. */
export function isNotFound(err: unknown): boolean {
  return (isApiException(err) || err instanceof K8sError) && err.code === 404;
}
