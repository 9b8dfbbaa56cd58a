// The small set of facts `gather_facts` provides, read in one command: hostname, OS, systemd.
import type { Fact } from './fact.js';

/** Facts with Ansible's names, so playbooks written for Ansible keep working. */
export interface HostInfo {
  ansible_hostname: string;
  ansible_fqdn: string;
  ansible_distribution: string;
  ansible_distribution_version: string;
  ansible_distribution_release: string;
  ansible_os_family: string;
  has_systemd: boolean;
}

// A subshell, so sourcing os-release cannot leak variables into anything else.
const COMMAND =
  `hostname; (. /etc/os-release 2>/dev/null; printf '%s\\n' "\${ID:-}" "\${VERSION_ID:-}" "\${VERSION_CODENAME:-}" "\${ID_LIKE:-}"); ` +
  `if [ -d /run/systemd/system ]; then echo systemd; else echo no-systemd; fi`;

/** Reads hostname, /etc/os-release and whether systemd is PID 1. */
export const hostInfo: Fact<HostInfo> = { command: COMMAND, parse: parseHostInfo };

const DISTRIBUTIONS: Record<string, string> = {
  debian: 'Debian', ubuntu: 'Ubuntu', centos: 'CentOS', rhel: 'RedHat', fedora: 'Fedora', rocky: 'Rocky',
  almalinux: 'AlmaLinux', alpine: 'Alpine', arch: 'Archlinux', opensuse: 'openSUSE', 'opensuse-leap': 'openSUSE Leap', sles: 'SLES', amzn: 'Amazon',
};
const FAMILIES: Record<string, string> = {
  debian: 'Debian', ubuntu: 'Debian', rhel: 'RedHat', centos: 'RedHat', fedora: 'RedHat', rocky: 'RedHat', almalinux: 'RedHat', amzn: 'RedHat',
  alpine: 'Alpine', arch: 'Archlinux', suse: 'Suse', opensuse: 'Suse', 'opensuse-leap': 'Suse', sles: 'Suse',
};

/** Parses the five lines hostInfo prints. */
export function parseHostInfo(stdout: string): HostInfo {
  const [fqdn = '', id = '', version = '', codename = '', idLike = '', systemd = ''] = stdout.split('\n').map((l) => l.trim());
  const family = FAMILIES[id] ?? idLike.split(/\s+/).map((l) => FAMILIES[l]).find(Boolean) ?? capitalize(id);
  return {
    ansible_hostname: fqdn.split('.')[0]!,
    ansible_fqdn: fqdn,
    ansible_distribution: DISTRIBUTIONS[id] ?? capitalize(id),
    ansible_distribution_version: version,
    ansible_distribution_release: codename,
    ansible_os_family: family,
    has_systemd: systemd === 'systemd',
  };
}

function capitalize(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : '';
}
