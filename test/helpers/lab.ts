// The lab for integration tests: booted once per mocha run, shared by every suite, torn down at the end.
//
//   import { useLab, sshRun, resetEtcd, writeInventory } from '../helpers/lab.js';
//   describe('copy on real hosts', function () {
//     const lab = useLab({ hosts: 6 });        // boots (once) in a before hook; skips without root/nspawn
//     it('...', async () => {
//       lab.inventory;                          // inventory.yaml of every host (groups etcd_old, etcd_new, lab)
//       lab.hosts[0].name, lab.hosts[0].ip;     // host1, 10.213.7.11
//       lab.privateKey, lab.knownHosts;         // for ssh_private_key_file and strict host-key checking
//       lab.passwordHost, lab.opsPassword;      // where `ops` sudo asks for a password, and the password
//       await sshRun(lab.hosts[0], 'hostname');             // OpenSSH, strict host keys; { user: 'ops' } too
//       writeInventory(lab.hosts.slice(0, 3), { etcd: ['host1', 'host2', 'host3'] }, file);
//       await resetEtcd(lab.hosts[3]);          // stop/disable etcd3, drop unit files and data dirs
//     });
//   });
//
// Hosts: host1..hostN at 10.213.7.11.. ; root and `ops` log in with lab.privateKey. The lab is booted
// with max(6, hosts asked) hosts; a later suite asking for more reboots it bigger. Teardown runs in a
// root after-all hook (registered when this file is first imported, or via `mochaHooks` if this file
// is in .mocharc.json `require`), and on SIGINT/SIGTERM. Without root or systemd-nspawn the suites are
// skipped with the reason, except under CI=true, where that is a failure.
import { labDir } from '../../lab/config.js';
import { labDown } from '../../lab/down.js';
import { writeInventoryFile } from '../../lab/inventory-file.js';
import { defaultNames } from '../../lab/plan.js';
import { labUnsupportedReason } from '../../lab/preflight.js';
import { ssh } from '../../lab/ssh.js';
import type { CommandResult } from '../../lab/exec.js';
import type { LabState } from '../../lab/state.js';
import { loadState } from '../../lab/state-file.js';
import { inventoryHost, labUp } from '../../lab/up.js';

/** A lab host: its inventory name and its address on the lab network. */
export interface LabHost {
  name: string;
  ip: string;
}

/** The running lab, as a suite sees it. */
export interface Lab {
  dir: string;
  /** Inventory of every host (groups: etcd_old = first half, etcd_new = the rest, lab = all). */
  inventory: string;
  knownHosts: string;
  privateKey: string;
  hosts: LabHost[];
  groups: Record<string, string[]>;
  /** The host where `ops` needs a password for sudo (the last host); passwordless elsewhere. */
  passwordHost: string;
  opsPassword: string;
  bootSeconds: number;
}

/** Hosts booted at least, so most suites share one boot. */
export const DEFAULT_HOSTS = 6;

/** Lab progress lines, shown with FERRY_LAB_VERBOSE=1. */
function say(line: string): void {
  if (process.env.FERRY_LAB_VERBOSE) console.log(`    lab: ${line}`);
}

let booted: { count: number; lab: Promise<Lab>; shared?: boolean } | null = null;

/**
 * With FERRY_LAB_REUSE=1, a lab already up (`npm run lab -- up --hosts N`, at least `count` hosts) is
 * used as it is and left up: a test run beside the chaos suite, on other hosts (some may be faulted).
 */
function sharedLab(count: number): LabState | null {
  if (process.env.FERRY_LAB_REUSE !== '1') return null;
  const s = loadState(labDir());
  // Never fall back to booting (which first tears down the lab another process uses).
  if (!s || !s.inventory) throw new Error(`lab: FERRY_LAB_REUSE=1 but no lab is up in ${labDir()} (npm run lab -- up --hosts ${count})`);
  if (s.hosts.length < count) throw new Error(`lab: FERRY_LAB_REUSE=1 but the lab in ${labDir()} has ${s.hosts.length} hosts, not ${count}`);
  return s;
}

/** Boots the lab with at least `count` hosts, once; later calls share it (or reboot it bigger). */
export async function ensureLab(count = DEFAULT_HOSTS): Promise<Lab> {
  if (booted && booted.count >= count) return booted.lab;
  const shared = sharedLab(count);
  if (shared) {
    booted = { count: shared.hosts.length, lab: Promise.resolve(toLab(shared)), shared: true };
    say(`using the lab already up in ${labDir()} (${shared.hosts.length} hosts; FERRY_LAB_REUSE=1, left up)`);
    return booted.lab;
  }
  const n = Math.max(count, DEFAULT_HOSTS);
  const lab = labUp({ dir: labDir(), names: defaultNames(n), say }).then(toLab);
  booted = { count: n, lab };
  lab.catch(() => (booted = null));
  return lab;
}

/** Tears the lab down (no-op when this run booted none and none is recorded). */
export async function stopLab(): Promise<void> {
  const shared = booted?.shared;
  booted = null;
  if (shared) return;
  await labDown(labDir(), say);
}

/** Why the lab cannot run here, or null. */
export function labSkipReason(): string | null {
  return labUnsupportedReason();
}

/**
 * Call inside `describe`: boots the lab in a before hook and returns its handle (fields are
 * readable from the first test on). Skips the suite where the lab cannot run, unless CI=true.
 */
export function useLab(options: { hosts?: number } = {}): Lab {
  const handle = {} as Lab;
  before(async function () {
    this.timeout(300_000);
    const reason = labSkipReason();
    if (reason) {
      if (process.env.CI === 'true') throw new Error(`lab required under CI=true: ${reason}`);
      console.log(`    skipping lab tests: ${reason}`);
      this.skip();
    }
    Object.assign(handle, await ensureLab(options.hosts ?? DEFAULT_HOSTS));
  });
  return handle;
}

/** Runs a shell command on a lab host as root (or `user`), with the lab key and strict host keys. */
export async function sshRun(host: LabHost | string, command: string, options: { user?: string; input?: string; timeoutMs?: number } = {}): Promise<CommandResult> {
  const lab = await current();
  const h = typeof host === 'string' ? lab.hosts.find((x) => x.name === host) : host;
  if (!h) throw new Error(`lab: no host named ${String(host)}`);
  return ssh({ ip: h.ip, user: options.user, privateKey: lab.privateKey, knownHosts: lab.knownHosts }, command, options);
}

/** Writes an inventory for a subset of lab hosts with the suite's own groups; returns `file`. */
export function writeInventory(hosts: (LabHost | string)[], groups: Record<string, string[]>, file: string, vars: Record<string, unknown> = {}): string {
  const state = requireState();
  const names = hosts.map((h) => (typeof h === 'string' ? h : h.name));
  const records = names.map((n) => {
    const r = state.hosts.find((h) => h.name === n);
    if (!r) throw new Error(`lab: no host named ${n}`);
    return inventoryHost(r, state);
  });
  writeInventoryFile(file, records, { ...groups, lab: names }, { privateKey: state.privateKey!, knownHosts: state.knownHosts!, vars });
  return file;
}

/** Default places an etcd test leaves state on a host. */
export const ETCD_RESET = { unit: 'etcd3', paths: ['/var/lib/etcd*', '/etc/etcd3', '/etc/default/etcd3'] };

/** Returns a host to "etcd installed, not running, no data": cheaper than a reboot. */
export async function resetEtcd(host: LabHost | string, options: { unit?: string; paths?: string[] } = {}): Promise<void> {
  const unit = options.unit ?? ETCD_RESET.unit;
  const paths = (options.paths ?? ETCD_RESET.paths).join(' ');
  // Disable first so Restart=always cannot bring it back; SIGKILL because its data goes anyway.
  const script = [
    `systemctl disable ${unit} >/dev/null 2>&1`,
    `systemctl kill --signal=SIGKILL ${unit} >/dev/null 2>&1`,
    `systemctl stop ${unit} >/dev/null 2>&1`,
    `rm -rf /etc/systemd/system/${unit}.service /etc/systemd/system/${unit}.service.d ${paths}`,
    'systemctl daemon-reload',
    `systemctl reset-failed ${unit} >/dev/null 2>&1`,
    `! systemctl is-active --quiet ${unit}`,
  ].join('; ');
  const r = await sshRun(host, script);
  if (r.code !== 0) throw new Error(`lab: resetting etcd on ${typeof host === 'string' ? host : host.name} failed (${r.code}): ${r.stderr.trim()}`);
}

async function current(): Promise<Lab> {
  if (!booted) throw new Error('lab: not booted; call useLab() in the describe, or ensureLab() first');
  return booted.lab;
}

let lastState: LabState | null = null;

function requireState(): LabState {
  if (!lastState) throw new Error('lab: not booted; call useLab() in the describe, or ensureLab() first');
  return lastState;
}

function toLab(s: LabState): Lab {
  lastState = s;
  const pw = s.hosts.find((h) => h.opsSudo === 'password');
  return {
    dir: s.dir,
    inventory: s.inventory!,
    knownHosts: s.knownHosts!,
    privateKey: s.privateKey!,
    hosts: s.hosts.map((h) => ({ name: h.name, ip: h.ip })),
    groups: s.groups,
    passwordHost: pw?.name ?? '',
    opsPassword: s.opsPassword ?? '',
    bootSeconds: s.bootSeconds ?? 0,
  };
}

/** Root hook plugin form, for .mocharc.json `require`. */
export const mochaHooks = {
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(120_000);
    if (booted) await stopLab();
  },
};

// Registered on the root suite when a spec file first imports this helper (mocha's globals exist then).
if (typeof after === 'function') {
  after(async function () {
    this.timeout(120_000);
    if (booted) await stopLab();
  });
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (!booted || booted.shared) process.exit(130);
    void labDown(labDir()).finally(() => process.exit(130));
  });
}
