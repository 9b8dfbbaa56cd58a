// The string formats ferry's schemas use, shared by the runtime ajv and the precompiled validators.
import { isIP } from 'node:net';

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

/** An IPv4/IPv6 address or a DNS name; a dotted all-numeric string must be a real IPv4. */
export function isAddress(value: string): boolean {
  if (isIP(value) !== 0) return true;
  if (/^[\d.]+$/.test(value)) return false;
  return HOSTNAME.test(value);
}

/** ferry's own formats by name, as ajv's `addFormat` and the generated code take them. */
export const ferryFormats = {
  'ferry-address': { type: 'string' as const, validate: isAddress },
};
