// CPU, memory and mounts as Ansible's setup reports them.
import type { FactSection } from './sections.js';

/** processor_count (sockets), processor_cores (per socket), processor_threads_per_core, processor_vcpus, processor_nproc. */
export const cpuSection: FactSection = {
  name: 'cpu',
  command: "grep -E '^(processor|physical id|core id|cpu cores|siblings)\\s*:' /proc/cpuinfo; echo \"nproc: $(nproc)\"",
  parse(lines) {
    let processors = 0;
    const sockets = new Set<string>();
    let cores = 0;
    let siblings = 0;
    let nproc = 0;
    for (const l of lines) {
      const [key = '', value = ''] = l.split(':').map((x) => x.trim());
      if (key === 'processor') processors++;
      else if (key === 'physical id') sockets.add(value);
      else if (key === 'cpu cores') cores = Number(value);
      else if (key === 'siblings') siblings = Number(value);
      else if (key === 'nproc') nproc = Number(value);
    }
    const count = sockets.size || 1;
    const perSocket = cores || 1;
    const threads = siblings && cores ? siblings / cores : 1;
    return { processor_count: count, processor_cores: perSocket, processor_threads_per_core: threads, processor_vcpus: sockets.size ? count * perSocket * threads : processors, processor_nproc: nproc || processors };
  },
};

/** memtotal_mb, memfree_mb, swaptotal_mb, swapfree_mb (MiB, rounded down, from /proc/meminfo). */
export const memorySection: FactSection = {
  name: 'memory',
  command: "grep -E '^(MemTotal|MemFree|SwapTotal|SwapFree):' /proc/meminfo",
  parse(lines) {
    const kb: Record<string, number> = {};
    for (const l of lines) {
      const m = /^(\w+):\s+(\d+)/.exec(l);
      if (m) kb[m[1]!] = Number(m[2]);
    }
    // Ansible's figures round to the nearest MiB (24683548 kB is 24105, checked on a lab host).
    const mb = (k: string): number => Math.round((kb[k] ?? 0) / 1024);
    return { memtotal_mb: mb('MemTotal'), memfree_mb: mb('MemFree'), swaptotal_mb: mb('SwapTotal'), swapfree_mb: mb('SwapFree') };
  },
};

/** /proc/mounts' octal escapes (\040 for a space). */
const unescape = (s: string): string => s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));

/** ansible_mounts: block-device (and network) mounts with sizes from statvfs, as Ansible lists them. */
export const mountsSection: FactSection = {
  name: 'mounts',
  command:
    "while read -r dev mnt fs opts rest; do case \"$dev\" in /*|*:/*) printf '%s\\t%s\\t%s\\t%s\\t' \"$dev\" \"$mnt\" \"$fs\" \"$opts\"; " +
    "stat -f -c '%S %s %b %f %a %c %d' \"$(printf '%b' \"$mnt\")\" || echo; esac; done < /proc/mounts; echo '--'; findmnt --list --noheadings --notruncate -o TARGET,SOURCE",
  parse(lines) {
    const cut = lines.indexOf('--');
    // findmnt shows a bind mount's source as dev[/path]; Ansible adds ",bind" to its options.
    const binds = new Set(lines.slice(cut + 1).map((l) => /^(\S+)\s+\S*\]$/.exec(l.trim())?.[1]).filter(Boolean));
    const byMount = new Map<string, Record<string, unknown>>();
    for (const l of cut < 0 ? lines : lines.slice(0, cut)) {
      const [dev, mnt, fstype, options, stats = ''] = l.split('\t');
      if (!dev || !mnt) continue;
      const [frsize = 0, bsize = 0, blocks = 0, bfree = 0, bavail = 0, files = 0, ffree = 0] = stats.trim().split(' ').map(Number);
      // A mount point listed twice (remounted) is reported once, as it is now: the last entry.
      byMount.set(unescape(mnt), {
        mount: unescape(mnt), device: unescape(dev), fstype, options: binds.has(unescape(mnt)) ? `${options},bind` : options,
        size_total: frsize * blocks, size_available: frsize * bavail,
        block_size: bsize, block_total: blocks, block_available: bavail, block_used: blocks - bfree,
        inode_total: files, inode_available: ffree, inode_used: files - ffree, uuid: 'N/A',
      });
    }
    return { mounts: [...byMount.values()] };
  },
};
