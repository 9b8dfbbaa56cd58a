// Host, kernel and OS facts as Ansible names them: hostname, fqdn, distribution and its version
// the way Ansible reports it (Debian's from /etc/debian_version: "12.11", not os-release's "12").
import type { FactSection } from './sections.js';

const DISTRIBUTIONS: Record<string, string> = {
  debian: 'Debian', ubuntu: 'Ubuntu', centos: 'CentOS', rhel: 'RedHat', fedora: 'Fedora', rocky: 'Rocky',
  almalinux: 'AlmaLinux', alpine: 'Alpine', arch: 'Archlinux', opensuse: 'openSUSE', 'opensuse-leap': 'openSUSE Leap', sles: 'SLES', amzn: 'Amazon',
};
const FAMILIES: Record<string, string> = {
  debian: 'Debian', ubuntu: 'Debian', rhel: 'RedHat', centos: 'RedHat', fedora: 'RedHat', rocky: 'RedHat', almalinux: 'RedHat', amzn: 'RedHat',
  alpine: 'Alpine', arch: 'Archlinux', suse: 'Suse', opensuse: 'Suse', 'opensuse-leap': 'Suse', sles: 'Suse',
};
const PKG_MGRS = ['apt-get', 'dnf', 'yum', 'zypper', 'apk', 'pacman'];

const capitalize = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : '');

/** `KEY=value` lines (os-release's quoting removed). */
function keyValues(lines: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of lines) {
    const m = /^([A-Z_]+)=(.*)$/.exec(l.trim());
    if (m) out[m[1]!] = m[2]!.replace(/^(["'])(.*)\1$/, '$2');
  }
  return out;
}

/** hostname, fqdn, domain, nodename. */
export const hostnameSection: FactSection = {
  name: 'hostname',
  command: 'uname -n; hostname -f || hostname',
  parse([node = '', fqdn = '']) {
    const full = fqdn.trim() || node.trim();
    return { hostname: node.trim().split('.')[0], nodename: node.trim(), fqdn: full, domain: full.includes('.') ? full.slice(full.indexOf('.') + 1) : '' };
  },
};

/** system, kernel, kernel_version, architecture, machine. */
export const unameSection: FactSection = {
  name: 'uname',
  command: 'uname -s; uname -r; uname -v; uname -m',
  parse([system = '', kernel = '', version = '', machine = '']) {
    return { system, kernel, kernel_version: version, machine, architecture: machine };
  },
};

/** distribution, its version, major version, release, os_family; os-release first, then /etc/debian_version. */
export const distributionSection: FactSection = {
  name: 'distribution',
  command: "cat /etc/os-release; echo '--'; cat /etc/debian_version",
  parse(lines) {
    const sep = lines.indexOf('--');
    const os = keyValues(sep < 0 ? lines : lines.slice(0, sep));
    const debianVersion = sep < 0 ? '' : (lines[sep + 1] ?? '').trim();
    const id = os.ID ?? '';
    // Ansible: Debian's version is /etc/debian_version when it is numeric (12.11); testing says "trixie/sid".
    const version = id === 'debian' && /^\d+(\.\d+)*$/.test(debianVersion) ? debianVersion : (os.VERSION_ID ?? '');
    const family = FAMILIES[id] ?? (os.ID_LIKE ?? '').split(/\s+/).map((l) => FAMILIES[l]).find(Boolean) ?? capitalize(id);
    return {
      distribution: DISTRIBUTIONS[id] ?? capitalize(id),
      distribution_version: version,
      distribution_major_version: version.split('.')[0] ?? '',
      distribution_release: os.VERSION_CODENAME ?? '',
      os_family: family,
    };
  },
};

/** service_mgr, pkg_mgr, uptime_seconds, machine_id (dbus's first, as Ansible reads it); and ferry's has_systemd. */
export const platformSection: FactSection = {
  name: 'platform',
  command: `if [ -d /run/systemd/system ]; then echo systemd; else cat /proc/1/comm; fi; for p in ${PKG_MGRS.join(' ')}; do command -v $p >/dev/null && break; p=unknown; done; echo $p; cut -d' ' -f1 /proc/uptime; cat /var/lib/dbus/machine-id || cat /etc/machine-id`,
  parse([mgr = '', pkg = '', uptime = '', machineId = '']) {
    const pkgMgr = pkg.trim() === 'apt-get' ? 'apt' : pkg.trim();
    return { service_mgr: mgr.trim(), has_systemd: mgr.trim() === 'systemd', pkg_mgr: pkgMgr, uptime_seconds: Math.floor(Number(uptime) || 0), machine_id: machineId.trim() };
  },
};
