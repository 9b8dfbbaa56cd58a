// A STAND-IN for a Kubernetes API server, for tests only: a real one cannot run on these
// machines. It speaks the REST API over HTTPS (own CA, bearer token) on 127.0.0.1, a random port.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeCerts, type StandInCerts } from './certs.js';
import { handleDelete, handleGet, handlePatch, handlePost, handlePut, type Reply } from './handlers.js';
import { apiGroupList, apiResourceList, findType } from './resources.js';
import { parseRoute } from './routes.js';
import { statusFailure, type StatusBody } from './status.js';
import { ObjectStore, type Obj, type StoreOptions } from './store.js';

/** Options of the stand-in. */
export interface StandInOptions extends Partial<StoreOptions> {
  token?: string;
}

/** One request seen by the stand-in, for assertions (e.g. no writes in check mode). */
export interface SeenRequest {
  method: string;
  path: string;
  contentType?: string;
}

/** The running stand-in, with hooks for tests. */
export class K8sStandIn {
  readonly requests: SeenRequest[] = [];
  readonly store: ObjectStore;
  readonly token: string;
  private readonly failures: Array<{ method: string; status: StatusBody }> = [];
  private server?: Server;
  certs?: StandInCerts;
  url = '';

  constructor(options: StandInOptions = {}) {
    this.token = options.token ?? 'standin-token';
    this.store = new ObjectStore({ deleteDelayMs: options.deleteDelayMs ?? 300, runningDelayMs: options.runningDelayMs ?? 300 });
  }

  /** Starts listening on 127.0.0.1, a random port. */
  async start(): Promise<this> {
    this.certs = makeCerts();
    this.server = createServer({ cert: this.certs.serverCert, key: this.certs.serverKey }, (req, res) => {
      void this.handle(req, res);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.store.close();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Makes the next request with this method fail with the given Status (e.g. a 422 on POST). */
  failNext(method: string, status: StatusBody): void {
    this.failures.push({ method: method.toUpperCase(), status });
  }

  /** Reads an object straight from the store (no HTTP), or undefined. */
  object(apiVersion: string, plural: string, namespace: string | undefined, name: string): Obj | undefined {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    const t = findType(group, version, plural);
    return t ? this.store.get(t, namespace, name) : undefined;
  }

  /** Seeds an object as if created through the API (server fields filled in). */
  seed(apiVersion: string, plural: string, namespace: string | undefined, body: Obj): Obj {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    return this.store.create(findType(group, version, plural)!, namespace, body);
  }

  /** Drops an object from the store at once, finalizers or not (a harness cleaning up between cases). */
  remove(apiVersion: string, plural: string, namespace: string | undefined, name: string): void {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    const t = findType(group, version, plural);
    if (t && this.store.get(t, namespace, name)) this.store.drop(t, namespace, name);
  }

  /** Requests that changed something (POST, PUT, PATCH, DELETE). */
  writes(): SeenRequest[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    this.requests.push({ method, path: url.pathname, contentType: req.headers['content-type'] });
    const reply = this.route(method, url.pathname, req, Buffer.concat(chunks).toString('utf8'));
    res.writeHead(reply.code, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply.body));
  }

  private route(method: string, pathname: string, req: IncomingMessage, raw: string): Reply {
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      return { code: 401, body: statusFailure(401, 'Unauthorized', 'Unauthorized') };
    }
    const injected = this.failures.findIndex((f) => f.method === method);
    if (injected >= 0) {
      const [f] = this.failures.splice(injected, 1);
      return { code: f.status.code, body: f.status };
    }
    const route = parseRoute(pathname);
    if (route.kind === 'discovery') return this.discovery(pathname);
    if (route.kind === 'unknown') return { code: 404, body: statusFailure(404, 'NotFound', 'the server could not find the requested resource') };
    let body: Obj = {};
    try {
      body = raw ? JSON.parse(raw) : {};
    } catch {
      return { code: 400, body: statusFailure(400, 'BadRequest', 'the body is not JSON') };
    }
    const { type, namespace, name } = route;
    if (method === 'GET') return handleGet(this.store, type, namespace, name);
    if (method === 'POST' && name === undefined) return handlePost(this.store, type, namespace, body);
    if (name !== undefined && method === 'PUT') return handlePut(this.store, type, namespace, name, body);
    if (name !== undefined && method === 'PATCH') return handlePatch(this.store, type, namespace, name, body, req.headers['content-type'] ?? '');
    if (name !== undefined && method === 'DELETE') return handleDelete(this.store, type, namespace, name);
    return { code: 405, body: statusFailure(405, 'MethodNotAllowed', `${method} is not supported on ${pathname}`) };
  }

  private discovery(pathname: string): Reply {
    const parts = pathname.split('/').filter(Boolean);
    let doc: unknown;
    if (pathname === '/api') doc = { kind: 'APIVersions', versions: ['v1'] };
    else if (pathname === '/apis') doc = apiGroupList();
    else if (parts[0] === 'api') doc = apiResourceList('', parts[1]);
    else doc = apiResourceList(parts[1], parts[2] ?? '');
    return doc ? { code: 200, body: doc } : { code: 404, body: statusFailure(404, 'NotFound', 'the server could not find the requested resource') };
  }
}
