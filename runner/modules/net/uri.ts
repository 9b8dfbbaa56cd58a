// uri: the host makes an HTTP request, as Ansible's: method, body (raw, json, form-urlencoded),
// headers, the status codes that count as success, the response's status, headers, content and
// parsed JSON. Every value reaches curl through its config on stdin (curl-config.ts); the response
// comes back base64-encoded and is bounded (MAX_BYTES), so a hostile server cannot flood the controller.
import { FerryError } from '../../errors.js';
import { shq } from '../../transport/shell-quote.js';
import { guardSkipReason } from '../support/guards.js';
import { commandFailed } from '../support/run.js';
import { defineModule, fail, ok } from '../types.js';
import { curlConfig, curlExitReason, parseKeyLines } from './curl-config.js';

/** The largest response body uri brings back. */
export const MAX_BYTES = 16 * 1024 * 1024;

const uriArgsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['url'],
  properties: {
    url: { type: 'string', minLength: 1, description: 'http:// or https://' },
    method: { type: 'string', pattern: '^[A-Za-z]+$|\\{\\{', default: 'GET' },
    body: { type: ['string', 'object', 'array', 'number', 'boolean'], description: 'the request body; an object or list with body_format json or form-urlencoded' },
    body_format: { enum: ['raw', 'json', 'form-urlencoded'], default: 'raw' },
    headers: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
    status_code: { type: ['integer', 'array'], items: { type: 'integer' }, default: [200], description: 'the status code(s) that mean success' },
    return_content: { type: 'boolean', default: false, description: 'put the body in `content` (a JSON body is parsed into `json` either way)' },
    follow_redirects: { enum: ['safe', 'all', 'none', 'urllib2', 'yes', 'no'], default: 'safe', description: 'safe: only GET and HEAD follow' },
    timeout: { type: 'number', exclusiveMinimum: 0, default: 30, description: 'seconds for the whole request' },
    validate_certs: { type: 'boolean', default: true },
    url_username: { type: 'string' },
    url_password: { type: 'string', description: 'never shown, never on a command line' },
    force_basic_auth: { type: 'boolean', default: false },
    creates: { type: 'string', description: 'a path on the host: when it exists, the request is not made' },
    removes: { type: 'string', description: 'a path on the host: when it does not exist, the request is not made' },
  },
} as const;

/**
 * The request, as fixed text. Prints `curl=<exit code>`, `w=<status> <redirects> <effective url>`,
 * `size=`, and the last response's headers and the body as base64 (`headers=`, `body=`).
 */
const REQUEST = [
  'max=$1',
  'd=$(mktemp -d) || exit 3',
  'trap \'rm -rf -- "$d"\' EXIT',
  'w=$(curl --config - -o "$d/b" -D "$d/h" -w \'%{http_code} %{num_redirects} %{url_effective}\'); rc=$?',
  'echo "curl=$rc"; echo "w=$w"',
  'size=$(wc -c < "$d/b" 2>/dev/null || echo 0); echo "size=$size"',
  'echo "headers=$(base64 -w0 < "$d/h" 2>/dev/null)"',
  '[ "$size" -le "$max" ] && echo "body=$(base64 -w0 < "$d/b" 2>/dev/null)"',
  'exit 0',
].join('\n');

/** The body and the Content-Type it implies. */
export function requestBody(body: unknown, format: string): { text?: string; contentType?: string } {
  if (body === undefined || body === null) return {};
  if (format === 'json') return { text: typeof body === 'string' ? body : JSON.stringify(body), contentType: 'application/json' };
  if (format === 'form-urlencoded') {
    if (typeof body === 'string') return { text: body, contentType: 'application/x-www-form-urlencoded' };
    if (typeof body !== 'object') throw new FerryError('uri: body_format form-urlencoded needs a mapping, a list of pairs or a string');
    const pairs = Array.isArray(body) ? body.map((p) => (Array.isArray(p) ? p : [p?.name ?? p?.key, p?.value])) : Object.entries(body);
    return { text: new URLSearchParams(pairs.map(([k, v]) => [String(k), String(v)])).toString(), contentType: 'application/x-www-form-urlencoded' };
  }
  if (typeof body === 'object') throw new FerryError('uri: a mapping or list body needs body_format json or form-urlencoded');
  return { text: String(body) };
}

/** The last response's headers (after redirects) as Ansible names them: lower case, `-` as `_`. */
export function responseHeaders(raw: string): Record<string, string> {
  const blocks = raw.split(/\r?\n\r?\n/).filter((b) => /^HTTP\//.test(b.trim()));
  const out: Record<string, string> = {};
  for (const line of (blocks.at(-1) ?? '').trim().split(/\r?\n/).slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i).trim().toLowerCase().replace(/-/g, '_')] = line.slice(i + 1).trim();
  }
  return out;
}

/** Whether the request follows redirects, by Ansible's follow_redirects. */
function follows(mode: string, method: string): boolean {
  if (mode === 'all' || mode === 'yes') return true;
  if (mode === 'none' || mode === 'no') return false;
  // safe, and urllib2 (which also follows only GET and HEAD)
  return method === 'GET' || method === 'HEAD';
}

/** The uri module. */
export const uriModule = defineModule({
  name: 'uri',
  description: 'An HTTP request from the host: method, body (raw, json, form), headers, expected status codes; returns status, headers, content and parsed JSON',
  argsSchema: uriArgsSchema,
  argRoles: { secrets: ['url_password'] },
  supportsCheck: false,
  supportsDiff: false,
  async run(args, ctx) {
    const skip = await guardSkipReason(ctx, args);
    if (skip) return ok({ msg: skip });
    const method = (args.method ?? 'GET').toUpperCase();
    const { text, contentType } = requestBody(args.body, args.body_format ?? 'raw');
    const headers: Record<string, string> = Object.fromEntries(Object.entries(args.headers ?? {}).map(([k, v]) => [k, String(v)]));
    if (contentType && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['Content-Type'] = contentType;
    const timeout = args.timeout ?? 30;
    const stdin = curlConfig({
      url: args.url, method, headers, body: text, user: args.url_username, password: args.url_password, forceBasicAuth: args.force_basic_auth,
      timeoutSeconds: timeout, validateCerts: args.validate_certs ?? true, followRedirects: follows(args.follow_redirects ?? 'safe', method), failOnHttpError: false,
      maxBytes: MAX_BYTES,
    });
    const started = Date.now();
    const r = await ctx.transport.exec(`bash -c ${shq(REQUEST)} uri ${MAX_BYTES}`, { stdin, become: ctx.become, signal: ctx.signal, timeoutMs: timeout * 1000 + 30_000 });
    if (r.rc !== 0) throw commandFailed(ctx, `uri ${args.url}`, r);
    const out = parseKeyLines(r.stdout);
    const elapsed = Math.round((Date.now() - started) / 100) / 10;
    if (out.curl !== '0') {
      const why = out.curl === '63' ? `the response is larger than ${MAX_BYTES / 1024 / 1024} MiB` : curlExitReason(Number(out.curl), r.stderr);
      return fail(`${ctx.host}: Status code was -1 and not ${JSON.stringify(codes(args.status_code))}: Request failed: ${why}`, { status: -1, url: args.url, elapsed });
    }
    const [statusText = '0', redirects = '0', ...effective] = (out.w ?? '').split(' ');
    const status = Number(statusText);
    const resHeaders = responseHeaders(Buffer.from(out.headers ?? '', 'base64').toString('utf8'));
    if (out.body === undefined) return fail(`${ctx.host}: ${args.url}: the response is larger than ${MAX_BYTES / 1024 / 1024} MiB`, { status, url: args.url, elapsed });
    const content = Buffer.from(out.body, 'base64').toString('utf8');
    const result: Record<string, unknown> = {
      ...resHeaders, status, url: effective.join(' ') || args.url, redirected: Number(redirects) > 0, elapsed,
    };
    if (/[/+]json\b/i.test(resHeaders.content_type ?? '')) {
      try {
        result.json = JSON.parse(content);
      } catch {
        // not JSON after all: left out, as Ansible does
      }
    }
    if (args.return_content) result.content = content;
    const wanted = codes(args.status_code);
    if (!wanted.includes(status)) {
      return fail(`${ctx.host}: Status code was ${status} and not ${JSON.stringify(wanted)}: ${args.url}`, { ...result, content: content.slice(0, 4096) });
    }
    return ok({ ...result, msg: `OK (${out.size ?? 0} bytes)` });
  },
});

/** The accepted codes as a list. */
function codes(s: number | readonly number[] | undefined): number[] {
  return s === undefined ? [200] : Array.isArray(s) ? [...s] : [s as number];
}
