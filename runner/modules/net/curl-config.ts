// HTTP from the host with curl, every value passed through curl's config on stdin (`--config -`):
// no URL, header, user, password or body ever reaches a command line (where `ps` would show it
// and the shell could read it), and none can add an option, since each is one quoted config value.
import { FerryError } from '../../errors.js';

/** What one request needs. */
export interface CurlRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  user?: string;
  password?: string;
  /** Basic auth sent up front (curl's default); otherwise curl answers a 401 challenge (`--anyauth`). */
  forceBasicAuth?: boolean;
  timeoutSeconds: number;
  validateCerts: boolean;
  followRedirects: boolean;
  /** Fail on HTTP status ≥ 400 (get_url); uri judges the status itself. */
  failOnHttpError: boolean;
  /** curl stops a response announced larger than this. */
  maxBytes?: number;
}

/** One value as curl's config file quotes it. */
export function curlQuote(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value)) throw new FerryError('a value for an HTTP request holds a control character');
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

/** Only http and https: curl would also open file://, gopher:// and others. */
export function checkUrl(url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new FerryError(`not a URL: ${url}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new FerryError(`only http:// and https:// URLs are fetched, not ${u.protocol}//`);
  return u;
}

/** The config text for a request. */
export function curlConfig(req: CurlRequest): string {
  checkUrl(req.url);
  const lines = [
    `url = ${curlQuote(req.url)}`,
    'silent', 'show-error',
    `max-time = ${Math.max(1, Math.ceil(req.timeoutSeconds))}`,
    // Redirects stay on http(s) too.
    'proto = "=http,https"', 'proto-redir = "=http,https"',
  ];
  // HEAD is curl's --head: --request HEAD would wait for a body that never comes.
  if (req.method === 'HEAD') lines.push('head');
  else if (req.method) lines.push(`request = ${curlQuote(req.method)}`);
  if (req.maxBytes) lines.push(`max-filesize = ${req.maxBytes}`);
  for (const [name, value] of Object.entries(req.headers ?? {})) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new FerryError(`not an HTTP header name: ${JSON.stringify(name)}`);
    // A header is one line: a CR or LF in its value would start another header (or the body).
    if (/[\r\n]/.test(value)) throw new FerryError(`the value of HTTP header ${name} holds a line break`);
    lines.push(`header = ${curlQuote(`${name}: ${value}`)}`);
  }
  // data-raw, not data-binary: a body starting with "@" is text, never a file curl reads.
  if (req.body !== undefined) lines.push(`data-raw = ${curlQuote(req.body)}`);
  if (req.user !== undefined) {
    lines.push(`user = ${curlQuote(`${req.user}:${req.password ?? ''}`)}`);
    if (!req.forceBasicAuth) lines.push('anyauth');
  }
  if (!req.validateCerts) lines.push('insecure');
  if (req.followRedirects) lines.push('location', 'max-redirs = 20');
  if (req.failOnHttpError) lines.push('fail');
  return `${lines.join('\n')}\n`;
}

/** curl's exit codes that mean "not on this host" or a transfer problem, in words. */
export function curlExitReason(rc: number | null, stderr: string): string {
  if (rc === 127) return 'curl is not installed on the host (apt-get install curl)';
  if (rc === 28) return 'timed out';
  const line = stderr.trim().split('\n').filter(Boolean).at(-1) ?? '';
  return line.replace(/^curl: \(\d+\)\s*/, '') || `curl exited ${rc}`;
}

/** `key=value` lines (the scripts' output) as a record. */
export function parseKeyLines(stdout: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) out[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}
