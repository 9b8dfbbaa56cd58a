// ansible_date_time (as strings, like Ansible's), the user facts, and the environment.
import type { FactSection } from './sections.js';

/** date_time: one `date` call for local fields, one for UTC. */
export const dateTimeSection: FactSection = {
  name: 'date_time',
  command: "date +'%Y %m %d %H %M %S %s %Z %z %A %w %W %6N'; date -u +'%Y-%m-%dT%H:%M:%S'",
  parse([local = '', utc = '']) {
    const [year = '', month = '', day = '', hour = '', minute = '', second = '', epoch = '', tz = '', offset = '', weekday = '', wday = '', week = '', micro = ''] = local.trim().split(' ');
    return {
      date_time: {
        date: `${year}-${month}-${day}`, day, epoch, epoch_int: epoch, hour,
        iso8601: `${utc.trim()}Z`, iso8601_basic: `${year}${month}${day}T${hour}${minute}${second}${micro}`,
        iso8601_basic_short: `${year}${month}${day}T${hour}${minute}${second}`, iso8601_micro: `${utc.trim()}.${micro}Z`,
        minute, month, second, time: `${hour}:${minute}:${second}`, tz, tz_dst: tz, tz_offset: offset,
        weekday, weekday_number: wday, weeknumber: week, year,
      },
    };
  },
};

/** user_id, user_uid, user_gid, user_dir, user_shell, user_gecos: the login user's passwd entry. */
export const userSection: FactSection = {
  name: 'user',
  command: 'id -un; id -u; id -g; getent passwd "$(id -u)"',
  parse([name = '', uid = '', gid = '', passwd = '']) {
    const fields = passwd.split(':');
    return { user_id: name, user_uid: Number(uid), user_gid: Number(gid), user_gecos: fields[4] ?? '', user_dir: fields[5] ?? '', user_shell: fields[6] ?? '' };
  },
};

/** env: the login environment. */
export const envSection: FactSection = {
  name: 'env',
  command: 'env',
  parse(lines) {
    const env: Record<string, string> = {};
    for (const l of lines) {
      const eq = l.indexOf('=');
      if (eq > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(l.slice(0, eq))) env[l.slice(0, eq)] = l.slice(eq + 1);
    }
    return { env };
  },
};
