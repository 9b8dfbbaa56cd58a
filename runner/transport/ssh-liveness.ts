// Is the server answering? A keepalive@openssh.com global request, as OpenSSH's ServerAliveInterval
// and ssh2's own keepalive send it (ssh2 has no public call for it, so this reaches its internals
// the way its keepalive does). Used twice: once after login, to know the host has started the
// session (sshd answers nothing while PAM's session stack or systemd's user manager is busy), then
// periodically, to tell a dead connection from a briefly silent one.
import type { Client } from 'ssh2';

interface Ssh2Internals {
  _protocol?: { ping(): void };
  _callbacks?: Array<(err: unknown) => void>;
}

/** Sends one keepalive; resolves true on any answer, false when the connection closed first. */
export function ping(client: Client): Promise<boolean> {
  const internals = client as unknown as Ssh2Internals;
  return new Promise((resolve) => {
    if (!internals._protocol || !internals._callbacks) return resolve(false);
    // ssh2 answers its global-request callbacks in order: (true) for a refusal, which still
    // proves the server is alive, and an Error when the socket closed.
    internals._callbacks.push((err) => resolve(!(err instanceof Error)));
    try {
      internals._protocol.ping();
    } catch {
      resolve(false);
    }
  });
}

/** ServerAliveInterval / ServerAliveCountMax, in ms and a count. */
export interface KeepaliveSettings {
  intervalMs: number;
  countMax: number;
}

/**
 * OpenSSH's server-alive check: every interval a keepalive; once `countMax` in a row go unanswered,
 * `onDead` is called (the caller closes the connection). Returns a stop function.
 */
export function startKeepalive(client: Client, settings: KeepaliveSettings, onDead: (silentMs: number) => void): () => void {
  if (settings.intervalMs <= 0) return () => {};
  let unanswered = 0;
  let lastAnswer = Date.now();
  const timer = setInterval(() => {
    if (unanswered >= settings.countMax) {
      clearInterval(timer);
      onDead(Date.now() - lastAnswer);
      return;
    }
    unanswered++;
    void ping(client).then((alive) => {
      if (!alive) return;
      unanswered = 0;
      lastAnswer = Date.now();
    });
  }, settings.intervalMs);
  timer.unref();
  client.once('close', () => clearInterval(timer));
  return () => clearInterval(timer);
}
