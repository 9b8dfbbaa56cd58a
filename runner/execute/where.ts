// Where a task's templates come from, for error messages.
import type { Task } from '../load/types.js';

/** The template name of a task's strings in error messages, and the host they were rendered for. */
export function whereOf(task: Task, host: string): { template: string; host: string } {
  return { template: `${task.source.file}:${task.source.line}:${task.source.col}: task "${task.name}"`, host };
}
