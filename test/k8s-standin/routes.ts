// STAND-IN: parses Kubernetes REST paths (/api/v1/..., /apis/<group>/<version>/...).
import { findType, type ResourceType } from './resources.js';

/** What a request path addresses. */
export type Route =
  | { kind: 'discovery'; path: string }
  | { kind: 'object'; type: ResourceType; namespace?: string; name?: string }
  | { kind: 'unknown' };

/** Turns a URL path into a route; unknown resource types come back as 'unknown' (404). */
export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean);
  if (parts[0] === 'api' && parts.length <= 2) return { kind: 'discovery', path: pathname };
  if (parts[0] === 'apis' && parts.length <= 3) return { kind: 'discovery', path: pathname };
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api') [group, version, rest] = ['', parts[1], parts.slice(2)];
  else if (parts[0] === 'apis') [group, version, rest] = [parts[1], parts[2], parts.slice(3)];
  else return { kind: 'unknown' };
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  if (rest.length < 1 || rest.length > 2) return { kind: 'unknown' };
  const type = findType(group, version, rest[0]);
  if (!type) return { kind: 'unknown' };
  // A namespaced type asked for without a namespace is only valid for a list.
  if (type.namespaced !== (namespace !== undefined) && rest.length === 2) return { kind: 'unknown' };
  return { kind: 'object', type, namespace, name: rest[1] };
}
