// The shapes that loading produces and planning/execution consume.

/** Where a node came from, for `file:line:col` messages at run time too. */
export interface SourceRef {
  file: string;
  line: number;
  col: number;
}

export type Vars = Record<string, unknown>;

export interface HostEntry {
  name: string;
  /** Vars set on the host itself. */
  vars: Vars;
  source: SourceRef;
}

export interface GroupEntry {
  name: string;
  /** Hosts listed directly under the group. */
  hosts: string[];
  children: string[];
  vars: Vars;
  source: SourceRef;
}

/** How to reach a host, from its merged vars (ssh_* or ansible_* names). */
export interface ConnectionSpec {
  /** `local` for localhost / delegate_to: localhost. */
  type: 'ssh' | 'local';
  address: string;
  port: number;
  user: string;
  privateKeyFile?: string;
  /** known_hosts for this host (`ssh_known_hosts_file`), absolute; `--known-hosts` overrides it. */
  knownHostsFile?: string;
  become: boolean;
  becomeUser: string;
}

export interface Inventory {
  file: string;
  hosts: Map<string, HostEntry>;
  /** Every group, `all` and `ungrouped` included. */
  groups: Map<string, GroupEntry>;
}

export interface Task {
  name: string;
  /** Module name; absent for a block. */
  module?: string;
  /** Raw module arguments; strings are templated per host when the task runs. */
  args?: unknown;
  block?: Task[];
  rescue?: Task[];
  always?: Task[];
  /** Each entry must hold (Ansible's list form of `when`). */
  when: string[];
  register?: string;
  loop?: unknown;
  loopVar: string;
  until?: string;
  retries: number;
  /** Seconds between retries. */
  delay: number;
  delegateTo?: string;
  runOnce: boolean;
  ignoreErrors: boolean;
  changedWhen?: string;
  failedWhen?: string;
  notify: string[];
  tags: string[];
  noLog: boolean;
  /** Ansible's check_mode: false runs the task for real under --check (read-only probes); true always checks. */
  checkMode?: boolean;
  become?: boolean;
  becomeUser?: string;
  /** Handlers only: extra names this handler answers to. */
  listen: string[];
  vars: Vars;
  source: SourceRef;
}

export interface Play {
  name: string;
  hosts: string;
  vars: Vars;
  varsFiles: string[];
  /** Batch sizes: numbers or percentages; the last repeats. */
  serial: Array<number | string>;
  strategy: 'linear' | 'free';
  become?: boolean;
  becomeUser?: string;
  anyErrorsFatal: boolean;
  maxFailPercentage?: number;
  gatherFacts: boolean;
  /** Whether any of the play's templates names a fact: gather_facts runs only then (small and lazy). */
  factsUsed?: boolean;
  tags: string[];
  tasks: Task[];
  handlers: Task[];
  source: SourceRef;
}

export interface Playbook {
  file: string;
  /** Directory that relative paths (templates, src, vars_files) resolve from. */
  baseDir: string;
  plays: Play[];
}
