// StorageOS's `spec.kvBackend.address`: a comma-separated endpoint list, either `host:port` or
// with a scheme (`http://host:port`). A new list must keep the style the resource already used.

/** How an address list is written. */
export interface AddressStyle {
  /** Scheme of the first entry (`http`), or undefined for bare `host:port`. */
  scheme?: string;
  /** The separator used: ',' or ', '. */
  separator: string;
}

const ETCD_CLIENT_PORT = '2379';

/** Reads the style of an existing address (`10.0.0.1:2379,10.0.0.2:2379` or `http://...`). */
export function detectStyle(address: string): AddressStyle {
  const first = address.split(',')[0]?.trim() ?? '';
  const m = /^([a-z][a-z0-9+.-]*):\/\//i.exec(first);
  return { scheme: m ? m[1].toLowerCase() : undefined, separator: /,\s+/.test(address) ? ', ' : ',' };
}

/** Splits one endpoint (`https://h:2379/`, `h:2379`, `[::1]:2379`) into scheme and host:port. */
export function parseEndpoint(endpoint: string): { scheme?: string; hostPort: string } {
  const text = endpoint.trim();
  if (text === '' || /[\s,]/.test(text)) throw new Error(`bad etcd client URL ${JSON.stringify(endpoint)}`);
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  let url: URL;
  try {
    url = new URL(hasScheme ? text : `none://${text}`);
  } catch {
    throw new Error(`bad etcd client URL ${JSON.stringify(endpoint)}`);
  }
  if ((url.pathname !== '' && url.pathname !== '/') || url.search || url.hash || !url.hostname) {
    throw new Error(`bad etcd client URL ${JSON.stringify(endpoint)}: only scheme://host:port is allowed`);
  }
  // URL drops a scheme's default port (https → 443), so take the port from the text itself.
  const port = /:(\d+)\/?$/.exec(text)?.[1] ?? ETCD_CLIENT_PORT;
  return { scheme: hasScheme ? url.protocol.slice(0, -1).toLowerCase() : undefined, hostPort: `${url.hostname}:${port}` };
}

/** Formats the new members' client URLs in the style of `original`; order kept, duplicates dropped. */
export function formatKvAddress(clientUrls: string[], original: string): string {
  if (clientUrls.length === 0) throw new Error('no etcd client URLs to point StorageOS at');
  const style = detectStyle(original);
  const entries = clientUrls.map((u) => {
    const { scheme, hostPort } = parseEndpoint(u);
    return style.scheme ? `${scheme ?? style.scheme}://${hostPort}` : hostPort;
  });
  return [...new Set(entries)].join(style.separator);
}

/** True when two address strings name the same endpoints, whatever their order or spacing. */
export function sameEndpoints(a: string, b: string): boolean {
  const norm = (s: string) => s.split(',').map((e) => e.trim()).filter(Boolean).map((e) => {
    const { scheme, hostPort } = parseEndpoint(e);
    return `${scheme ?? ''}|${hostPort}`;
  }).sort().join(' ');
  try {
    return norm(a) === norm(b);
  } catch {
    return false;
  }
}
