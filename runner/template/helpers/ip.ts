// The cheap part of ansible.utils.ipaddr: is it an address (or a network), and its address,
// prefix, netmask, network or broadcast (IPv4 arithmetic; IPv6 validated and split only).
import { isIP } from 'node:net';
import { type Helper, HelperError } from './named.js';

interface Parsed {
  address: string;
  version: 4 | 6;
  prefix: number;
}

function parseIp(value: unknown): Parsed | undefined {
  if (typeof value !== 'string') return undefined;
  const [address = '', prefixText, extra] = value.trim().split('/');
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return undefined;
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= max)) return undefined;
  return { address, version: version as 4 | 6, prefix };
}

const toInt = (a: string): number => a.split('.').reduce((n, o) => n * 256 + Number(o), 0);
const toDotted = (n: number): string => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
const mask = (prefix: number): number => (prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0);

const PRIVATE4 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16'];

function inNet(ip: Parsed, net: string): boolean {
  const n = parseIp(net)!;
  return ((toInt(ip.address) & mask(n.prefix)) >>> 0) === toInt(n.address);
}

function query(ip: Parsed, original: string, q: string): unknown {
  if (q === '' ) return original;
  if (q === 'address') return ip.address;
  if (q === 'prefix') return ip.prefix;
  if (q === 'host') return `${ip.address}/${ip.prefix}`;
  if (q === 'private' || q === 'public') {
    if (ip.version !== 4) throw new HelperError('ipaddr private/public is implemented for IPv4 only');
    return PRIVATE4.some((n) => inNet(ip, n)) === (q === 'private') ? original : false;
  }
  if (ip.version !== 4) throw new HelperError(`ipaddr "${q}" is implemented for IPv4 only`);
  const addr = toInt(ip.address);
  const m = mask(ip.prefix);
  if (q === 'netmask') return toDotted(m);
  if (q === 'network') return toDotted((addr & m) >>> 0);
  if (q === 'broadcast') return toDotted((addr | (~m >>> 0)) >>> 0);
  if (q === 'net') return ip.prefix < 32 && (addr & m) >>> 0 === addr ? original : false;
  throw new HelperError(`unknown ipaddr query ${JSON.stringify(q)} (known: address, prefix, host, netmask, network, broadcast, net, private, public)`);
}

/** ipaddr over one value or a list (invalid entries dropped), as ansible.utils does. */
function ipFilter(version: 4 | 6 | undefined): Helper {
  return (value: unknown, q: unknown = '') => {
    const one = (v: unknown): unknown => {
      const ip = parseIp(v);
      return ip && (version === undefined || ip.version === version) ? query(ip, String(v).trim(), String(q)) : false;
    };
    return Array.isArray(value) ? value.map(one).filter((x) => x !== false) : one(value);
  };
}

/** IP helpers: `ipaddr x`, `ipaddr x "network"`, `ipv4 x`, `ipv6 x`. */
export const ipHelpers: Record<string, Helper> = {
  ipaddr: ipFilter(undefined),
  ipv4: ipFilter(4),
  ipv6: ipFilter(6),
};
