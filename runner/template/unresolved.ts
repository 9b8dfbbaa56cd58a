// A var whose own template could not render (`etcd_node_ip: "{{ssh_hostt}}"`). It stands in the
// vars in place of its raw text, so that no use of it can reach a host as literal `{{...}}`:
// every use (substitution, raw value, helper argument, JSON) fails, naming the var, where it is
// defined and why it does not render.
import { TemplateError } from '../errors.js';

/** The error a use of an unresolved var raises before it is located at the use. */
export class UnresolvedVarError extends TemplateError {
  override name = 'UnresolvedVarError';
  constructor(readonly detail: string) {
    super(detail, { template: 'var' });
  }
}

/** Stand-in for a var that does not render; any conversion of it throws. */
export class UnresolvedVar {
  constructor(
    readonly varName: string,
    /** Why its value does not render (the inner error's message, without its own location prefix). */
    readonly reason: string,
    /** `file:line:col` of the var's definition, when it came from a YAML file (looked up only when reported). */
    private where?: string | (() => string | undefined),
  ) {}

  /** Where the var is defined, if known. */
  get definedAt(): string | undefined {
    if (typeof this.where === 'function') this.where = this.where();
    return this.where;
  }

  /** `variable "x" (defined at f:1:2) does not render: ...` */
  describe(): string {
    const at = this.definedAt ? ` (defined at ${this.definedAt})` : '';
    return `variable "${this.varName}"${at} does not render: ${this.reason}`;
  }

  /** The error for a use whose location is not known. */
  error(): UnresolvedVarError {
    return new UnresolvedVarError(this.describe());
  }

  toString(): string {
    throw this.error();
  }

  toJSON(): never {
    throw this.error();
  }

  [Symbol.toPrimitive](): never {
    throw this.error();
  }
}

/** The message of a TemplateError without its `template:line:col: ` prefix and `(host h)` suffix. */
export function reasonOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/^var [^:]+(?::\d+:\d+)?: /, '').replace(/ \(host [^)]*\)$/, '');
}
