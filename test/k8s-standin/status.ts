// STAND-IN: Kubernetes `Status` failure objects in the shape a real API server returns them.

/** A metav1.Status failure body. */
export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: string;
  details?: { name?: string; group?: string; kind?: string; causes?: Array<{ reason: string; message: string; field: string }> };
  code: number;
}

/** Builds a Status failure; `details` names the object like the real server does. */
export function statusFailure(code: number, reason: string, message: string, details?: StatusBody['details']): StatusBody {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code };
}

/** 404 for a named object, with the real server's wording. */
export function notFound(resource: string, group: string, name: string): StatusBody {
  const what = group ? `${resource}.${group}` : resource;
  return statusFailure(404, 'NotFound', `${what} "${name}" not found`, { name, group, kind: resource });
}

/** 409 for a create over an existing (or still terminating) object. */
export function alreadyExists(resource: string, group: string, name: string, terminating: boolean): StatusBody {
  const what = group ? `${resource}.${group}` : resource;
  const message = terminating
    ? `object is being deleted: ${what} "${name}" already exists`
    : `${what} "${name}" already exists`;
  return statusFailure(409, 'AlreadyExists', message, { name, group, kind: resource });
}

/** 409 for a write carrying a stale resourceVersion. */
export function conflict(resource: string, group: string, name: string): StatusBody {
  const what = group ? `${resource}.${group}` : resource;
  return statusFailure(409, 'Conflict',
    `Operation cannot be fulfilled on ${what} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name, group, kind: resource });
}

/** 422 with field causes, as admission/validation answers. */
export function invalid(kind: string, group: string, name: string, field: string, detail: string): StatusBody {
  return statusFailure(422, 'Invalid', `${kind}.${group} "${name}" is invalid: ${field}: ${detail}`, {
    name, group, kind, causes: [{ reason: 'FieldValueInvalid', message: detail, field }],
  });
}
