// One error hierarchy. Every message names what it is about (file:line:col, host, task, command)
// so the CLI can print it as-is, with no stack trace.

/** A position in a source file, 1-based, for `file:line:col: message` diagnostics. */
export interface Diagnostic {
  file: string;
  line: number;
  col: number;
  message: string;
}

/** Formats a diagnostic the way compilers do: `file:line:col: message`. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col}: ${d.message}`;
}

/** Base of every error ferry reports to a user. */
export class FerryError extends Error {
  override name = 'FerryError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Input (inventory, playbook, vars, templates) failed validation; carries every problem at once. */
export class ValidationError extends FerryError {
  override name = 'ValidationError';
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
  }
}

/** A template failed to parse or render (strict mode, control characters). */
export class TemplateError extends FerryError {
  override name = 'TemplateError';
  constructor(
    message: string,
    readonly where: { template: string; line?: number; col?: number; host?: string },
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A host could not be reached or authenticated, or its host key was refused. */
export class ConnectError extends FerryError {
  override name = 'ConnectError';
  constructor(readonly host: string, message: string, options?: { cause?: unknown }) {
    super(`${host}: ${message}`, options);
  }
}

/** The host key presented by a host is unknown or changed; nothing ran on it. */
export class HostKeyError extends ConnectError {
  override name = 'HostKeyError';
}

/** A module was given bad arguments or could not do its job on a host. */
export class TaskError extends FerryError {
  override name = 'TaskError';
  constructor(message: string, readonly where: { host?: string; task?: string; command?: string }, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The last `n` lines of a command's stderr, for error messages. */
export function tail(text: string, n = 5): string {
  const lines = text.trimEnd().split('\n');
  return lines.slice(-n).join('\n');
}
