// What a fake Debian host answers to gather_facts' command (MemoryTransport replies).

/** The sections a test host prints: hostname n1, Debian 12.11 bookworm, systemd, apt. */
export function factsStdout(hostname = 'n1'): string {
  return [
    '@@ferry-fact hostname', hostname, hostname,
    '@@ferry-fact distribution', 'ID=debian', 'VERSION_ID="12"', 'VERSION_CODENAME=bookworm', '--', '12.11',
    '@@ferry-fact platform', 'systemd', 'apt-get', '100.5', 'abc',
    '',
  ].join('\n');
}

/** A MemoryTransport reply answering the facts command. */
export const factsReply = (hostname = 'n1') => ({ match: '@@ferry-fact hostname', stdout: factsStdout(hostname) });
