// A local TCP listener on 127.0.0.1 whose connections are piped through the SSH connection
// to an address the remote host can reach (etcd's client port, an API server).
import { createServer, type Socket } from 'node:net';
import type { Client } from 'ssh2';
import type { Tunnel } from './types.js';

/** Opens a tunnel: each accepted socket gets its own forwardOut channel to `remoteHost:remotePort`. */
export async function openForwardTunnel(getClient: () => Promise<Client>, remoteHost: string, remotePort: number): Promise<Tunnel> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    // No Nagle: request/response protocols (gRPC's window updates) stall 40 ms per round trip otherwise.
    socket.setNoDelay(true);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.pause();
    getClient()
      .then((client) =>
        client.forwardOut('127.0.0.1', socket.remotePort ?? 0, remoteHost, remotePort, (err, stream) => {
          if (err) {
            socket.destroy();
            return;
          }
          stream.on('error', () => socket.destroy());
          stream.on('close', () => socket.destroy());
          socket.on('close', () => stream.close());
          socket.pipe(stream).pipe(socket);
          socket.resume();
        }),
      )
      .catch(() => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    host: '127.0.0.1',
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
