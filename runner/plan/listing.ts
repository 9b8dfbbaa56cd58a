// --list-hosts, --list-tasks and --list-tags: what a run would target, in ansible-playbook's format.
import { inheritFrom } from '../load/keywords.js';
import { isImplicit } from '../load/play.js';
import type { Inventory, Play, Playbook, Task } from '../load/types.js';
import { tagsSelect } from '../execute/selection.js';
import { matchHosts } from './patterns.js';

/** Which lists to print, and the selection flags that shape them. */
export interface ListOptions {
  hosts?: boolean;
  tasks?: boolean;
  tags?: boolean;
  limit?: string;
  onlyTags?: string[];
  skipTags?: string[];
}

const tagList = (tags: Iterable<string>): string => `[${[...new Set(tags)].sort().join(', ')}]`;

// Tasks as they would run (imports and roles flattened, block keywords passed down); includes as themselves.
function flatten(tasks: Task[], parent?: Task): Task[] {
  return tasks.flatMap((original) => {
    const task = parent ? inheritFrom(parent, original) : original;
    if (task.block) return flatten([...task.block, ...(task.rescue ?? []), ...(task.always ?? [])], task);
    return isImplicit(original) ? [] : [task];
  });
}

function playHosts(play: Play, inventory: Inventory, limit?: string): string[] {
  const names = play.hosts.includes('{{') ? [] : matchHosts(inventory, play.hosts);
  if (!limit) return names;
  const allowed = new Set(matchHosts(inventory, limit));
  return names.filter((n) => allowed.has(n));
}

/** The listing text for `playbookName` (as the operator wrote it). */
export function listPlaybook(playbook: Playbook, playbookName: string, inventory: Inventory, opts: ListOptions): string {
  const out = ['', `playbook: ${playbookName}`];
  playbook.plays.forEach((play, i) => {
    out.push('', `  play #${i + 1} (${play.hosts}): ${play.name}\tTAGS: ${tagList(play.tags)}`);
    if (opts.hosts) {
      const hosts = playHosts(play, inventory, opts.limit).sort();
      out.push(`    pattern: ['${play.hosts}']`, `    hosts (${hosts.length}):`, ...hosts.map((h) => `      ${h}`));
    }
    const tasks = flatten(play.tasks).filter((t) => tagsSelect([...play.tags, ...t.tags], opts.onlyTags, opts.skipTags));
    if (opts.tasks) {
      out.push('    tasks:', ...tasks.map((t) => `      ${t.meta ? 'meta' : t.name}\tTAGS: ${tagList([...play.tags, ...t.tags])}`));
    }
    if (opts.tags) out.push(`      TASK TAGS: ${tagList(tasks.flatMap((t) => [...play.tags, ...t.tags]))}`);
  });
  return `${out.join('\n')}\n`;
}
