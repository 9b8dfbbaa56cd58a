// user's decision as a pure function of the entry and the arguments: the useradd, usermod or
// userdel command, with every value quoted after `--`-safe options; the password goes separately
// (chpasswd -e on stdin), so it is never on a command line or in a message.
import { shq } from '../../transport/shell-quote.js';
import type { UserEntry } from './account-facts.js';

/** The arguments the plan reads. */
export interface UserArgs {
  name: string;
  state: 'present' | 'absent';
  uid?: number;
  group?: string;
  groups?: string[];
  append: boolean;
  comment?: string;
  home?: string;
  shell?: string;
  create_home: boolean;
  system: boolean;
  remove: boolean;
  password?: string;
  update_password: 'always' | 'on_create';
}

/** What to do: the account command (if any), whether the password must be set, and the differences in words. */
export interface UserPlan {
  command?: string;
  setPassword: boolean;
  changes: string[];
}

/** The supplementary groups the user should end with. */
function wantedGroups(args: UserArgs, now?: UserEntry): string[] | undefined {
  if (args.groups === undefined) return undefined;
  return args.append ? [...new Set([...(now?.groups ?? []), ...args.groups])] : args.groups;
}

/** Plans the user's change from its entry now (undefined: no such user). */
export function planUser(args: UserArgs, now: UserEntry | undefined): UserPlan {
  const n = shq(args.name);
  if (args.state === 'absent') return now ? { command: `userdel ${args.remove ? '-r ' : ''}-- ${n}`, setPassword: false, changes: ['removed'] } : { setPassword: false, changes: [] };
  const opts: string[] = [];
  const changes: string[] = [];
  const want = <T>(flag: string, value: T | undefined, current: T | undefined, label: string) => {
    if (value === undefined || value === current) return;
    opts.push(`${flag} ${shq(String(value))}`);
    changes.push(now ? `${label} ${String(current)} → ${String(value)}` : '');
  };
  want('-u', args.uid, now?.uid, 'uid');
  want('-g', args.group, now?.group, 'group');
  want('-c', args.comment, now?.comment, 'comment');
  want('-d', args.home, now?.home, 'home');
  want('-s', args.shell, now?.shell, 'shell');
  const groups = wantedGroups(args, now);
  if (groups !== undefined && (!now || [...groups].sort().join(',') !== [...now.groups].sort().join(','))) {
    opts.push(`-G ${shq(groups.join(','))}`);
    changes.push(now ? `groups ${now.groups.join(',') || '-'} → ${groups.join(',') || '-'}` : '');
  }
  const setPassword = args.password !== undefined && (!now || (args.update_password === 'always' && now.hash !== args.password));
  if (!now) {
    const create = `${args.create_home ? '-m' : '-M'}${args.system ? ' -r' : ''}`;
    return { command: `useradd ${create} ${opts.join(' ')}${opts.length ? ' ' : ''}-- ${n}`, setPassword, changes: ['created'] };
  }
  if (setPassword) changes.push('password changed');
  return { command: opts.length ? `usermod ${opts.join(' ')} -- ${n}` : undefined, setPassword, changes: changes.filter(Boolean) };
}
