// Units a lab host must not run: masked in its overlay before boot.
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Debian's etcd package starts a default etcd; the rest slow boot, fail in a container or reach
 * for the network (time sync, apt), or are this machine's own services (postgresql).
 * systemd-remount-fs has nothing to do on an overlay root and failed now and then at boot.
 */
export const MASKED_UNITS = [
  'etcd.service',
  'postgresql.service',
  'systemd-timesyncd.service',
  'apt-daily.timer',
  'apt-daily-upgrade.timer',
  'apt-daily.service',
  'apt-daily-upgrade.service',
  'dpkg-db-backup.timer',
  'e2scrub_all.timer',
  'e2scrub_reap.service',
  'fstrim.timer',
  'man-db.timer',
  'systemd-pstore.service',
  'getty@tty1.service',
  'systemd-remount-fs.service',
];

/** Masks each unit in the root at `merged` (a /dev/null link in /etc/systemd/system). */
export function maskUnits(merged: string, units: string[] = MASKED_UNITS): void {
  const dir = join(merged, 'etc/systemd/system');
  mkdirSync(dir, { recursive: true });
  for (const u of units) {
    const link = join(dir, u);
    rmSync(link, { force: true, recursive: true });
    symlinkSync('/dev/null', link);
  }
}
