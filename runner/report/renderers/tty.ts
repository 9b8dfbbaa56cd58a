// On a TTY: a live listr2 tree per task (task → host) with spinners and durations, under plain
// play/handler/recap lines; command output streams under the host with -v. Falls back to plain off a TTY.
import { Listr, type ListrTaskWrapper } from 'listr2';
import type { FerryEvent } from '../events.js';
import { formatDuration } from '../format/duration.js';
import { formatResult } from '../format/result.js';
import { PlainRenderer } from './plain.js';
import type { RenderOptions, Renderer } from './types.js';

type HostResult = Extract<FerryEvent, { kind: 'host_result' }>;
type Wrapper = ListrTaskWrapper<unknown, any, any>;

interface HostView {
  done: Promise<HostResult | undefined>;
  resolve: (r: HostResult | undefined) => void;
  wrapper?: Wrapper;
  output?: string;
}

/** The listr2 tree; `listrRenderer: 'silent'` lets tests drive it without a terminal. */
export class TtyRenderer implements Renderer {
  private readonly plain: PlainRenderer;
  private readonly open = new Map<string, Map<string, HostView>>();
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: RenderOptions, private readonly listrRenderer: 'default' | 'silent' = 'default') {
    this.plain = new PlainRenderer({ ...opts, color: opts.color ?? true });
  }

  handle(event: FerryEvent): void {
    if (!this.opts.out.isTTY && this.listrRenderer === 'default') return this.plain.handle(event);
    switch (event.kind) {
      case 'task_start':
        return this.startTask(event.task, event.hosts);
      case 'host_result':
        return this.result(event);
      case 'output':
      case 'progress':
      case 'waiting': {
        const view = this.open.get(event.task)?.get(event.host);
        if (!view || (this.opts.verbose === 0 && event.kind !== 'waiting')) return;
        const text = event.kind === 'output' ? event.text.trimEnd() : event.msg;
        view.output = text;
        if (view.wrapper && text) view.wrapper.output = text;
        return;
      }
      case 'task_end':
        for (const view of this.open.get(event.task)?.values() ?? []) view.resolve(undefined);
        this.open.delete(event.task);
        return;
      case 'host_start':
        return;
      default:
        this.chain = this.chain.then(() => this.plain.handle(event));
    }
  }

  async end(): Promise<void> {
    for (const views of this.open.values()) for (const view of views.values()) view.resolve(undefined);
    await this.chain;
  }

  private startTask(task: string, hosts: string[]): void {
    const views = new Map<string, HostView>();
    for (const host of hosts) {
      let resolve!: HostView['resolve'];
      const done = new Promise<HostResult | undefined>((r) => (resolve = r));
      views.set(host, { done, resolve });
    }
    this.open.set(task, views);
    const started = Date.now();
    const listr = new Listr(
      [{
        title: task,
        task: (_ctx: unknown, t: Wrapper) => t.newListr(
          hosts.map((host) => ({
            title: host,
            task: (_c: unknown, ht: Wrapper) => this.hostTask(host, views.get(host)!, ht),
            // A result's detail (a debug message, a diff) stays under its host once the task is done.
            rendererOptions: { persistentOutput: true },
          })),
          { concurrent: true, exitOnError: false },
        ),
      }],
      {
        renderer: this.listrRenderer,
        exitOnError: false,
        collectErrors: false,
        registerSignalListeners: false,
        rendererOptions: { collapseSubtasks: false, collapseErrors: false, showErrorMessage: true },
      } as never,
    );
    this.chain = this.chain.then(async () => {
      await listr.run().catch(() => undefined);
      if (this.opts.verbose > 0) this.opts.out.write(`  (${formatDuration(Date.now() - started)})\n`);
    });
  }

  private async hostTask(host: string, view: HostView, wrapper: Wrapper): Promise<void> {
    view.wrapper = wrapper;
    if (view.output) wrapper.output = view.output;
    const result = await view.done;
    if (!result) {
      wrapper.title = `${host}: no result of its own (run_once)`;
      return;
    }
    const [first, ...detail] = formatResult(result, { diff: this.opts.diff, verbose: this.opts.verbose, color: false });
    wrapper.title = `${result.ignored ? 'failed (ignored)' : result.status}: ${host} (${formatDuration(result.durationMs)})`;
    if (result.status === 'skipped') return wrapper.skip(`skipped: ${host}`);
    if (result.status === 'failed' && !result.ignored) throw new Error(`${host}: ${detail.join('\n').trim() || first}`);
    if (result.status === 'unreachable') throw new Error(`${host} unreachable: ${String(result.result.msg ?? '')}`);
    if (detail.length > 0) wrapper.output = detail.join('\n');
  }

  private result(event: HostResult): void {
    const view = this.open.get(event.task)?.get(event.host);
    if (!view) {
      this.chain = this.chain.then(() => this.plain.handle(event));
      return;
    }
    if (event.item !== undefined) {
      if (view.wrapper) view.wrapper.output = `${event.status}: item=${JSON.stringify(event.item)}`;
      return;
    }
    view.resolve(event);
  }
}
