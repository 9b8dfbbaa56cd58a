// Network facts: default_ipv4 (the route to the outside, as Ansible finds it with
// `ip route get`), addresses and interfaces, DNS.
import type { FactSection } from './sections.js';

interface Address {
  iface: string;
  address: string;
  prefix: number;
  broadcast?: string;
}

const toInt = (a: string): number => a.split('.').reduce((n, o) => n * 256 + Number(o), 0);
const dotted = (n: number): string => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
const mask = (p: number): number => (p === 0 ? 0 : (0xffffffff << (32 - p)) >>> 0);

/** default_ipv4, all_ipv4_addresses, all_ipv6_addresses, interfaces, and per-interface `ansible_<if>`-less details. */
export const networkSection: FactSection = {
  name: 'network',
  command: "ip -4 route get 8.8.8.8 | head -1; echo '--'; ip -o addr show; echo '--'; ip -o link show",
  parse(lines) {
    const [route = '', ...rest] = lines;
    const cut = rest.indexOf('--');
    const addrLines = cut < 0 ? rest : rest.slice(0, cut);
    const linkLines = cut < 0 ? [] : rest.slice(cut + 1);
    const v4: Address[] = [];
    const v6: string[] = [];
    for (const l of addrLines) {
      const m = /^\d+:\s+(\S+)\s+inet(6?)\s+([^/\s]+)\/(\d+)(?:\s+brd\s+(\S+))?/.exec(l);
      if (!m) continue;
      if (m[2]) v6.push(m[3]!);
      else v4.push({ iface: m[1]!, address: m[3]!, prefix: Number(m[4]), broadcast: m[5] });
    }
    const links = new Map<string, { mtu: number; mac: string; type: string }>();
    for (const l of linkLines) {
      const m = /^\d+:\s+([^:@\s]+)(?:@\S+)?:.*?\smtu\s+(\d+).*?link\/(\w+)(?:\s+([0-9a-f:]+))?/.exec(l);
      if (m) links.set(m[1]!, { mtu: Number(m[2]), type: m[3] === 'ether' ? 'ether' : m[3]!, mac: m[4] ?? '' });
    }
    const r = /\bdev\s+(\S+)/.exec(route)?.[1];
    const src = /\bsrc\s+(\S+)/.exec(route)?.[1];
    const gateway = /\bvia\s+(\S+)/.exec(route)?.[1];
    const chosen = v4.find((a) => a.iface === r && a.address === src) ?? v4.find((a) => a.iface === r);
    const link = chosen ? links.get(chosen.iface) : undefined;
    const default_ipv4 = chosen
      ? {
          address: chosen.address, alias: chosen.iface, broadcast: chosen.broadcast ?? '', gateway: gateway ?? '', interface: chosen.iface,
          macaddress: link?.mac ?? '', mtu: link?.mtu ?? 0, netmask: dotted(mask(chosen.prefix)), network: dotted((toInt(chosen.address) & mask(chosen.prefix)) >>> 0),
          prefix: String(chosen.prefix), type: link?.type ?? 'unknown',
        }
      : {};
    return {
      default_ipv4,
      all_ipv4_addresses: v4.filter((a) => !a.address.startsWith('127.')).map((a) => a.address),
      all_ipv6_addresses: v6.filter((a) => a !== '::1'),
      interfaces: [...links.keys()],
    };
  },
};

/** dns: nameservers and search domains from /etc/resolv.conf. */
export const dnsSection: FactSection = {
  name: 'dns',
  command: 'cat /etc/resolv.conf',
  parse(lines) {
    const nameservers: string[] = [];
    let search: string[] = [];
    for (const l of lines) {
      const [key, ...values] = l.trim().split(/\s+/);
      if (key === 'nameserver' && values[0]) nameservers.push(values[0]);
      if (key === 'search' || key === 'domain') search = values;
    }
    return { dns: search.length ? { nameservers, search } : { nameservers } };
  },
};
