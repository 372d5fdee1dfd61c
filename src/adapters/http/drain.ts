// Shutdown without cutting a request [#19]. Node's `server.close()` (and `closeIdleConnections()`)
// destroys every connection that is not in a request at that instant, including one just accepted
// whose request is already on the wire but not yet read: on a busy machine the cluster test saw
// requests sent a quarter of a second before SIGTERM reset that way. So the connections are tracked
// here: when the drain starts the server stops listening, connections between two requests are
// closed, a connection that has sent nothing yet gets a moment to send its request, every response
// from then on closes its connection, and what is still open after the grace period is destroyed.
import type { Server } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';

/** How long a connection accepted but silent when the drain starts may take to send its request. */
const FIRST_REQUEST_MS = 2_000;

interface Tracked {
  active: number;
  served: number;
}

export interface ConnectionDrain {
  /** Stops listening and resolves once every connection has ended (or the grace period has). */
  drain(graceMs: number): Promise<void>;
}

export function trackConnections(server: Server): ConnectionDrain {
  const sockets = new Map<Socket, Tracked>();
  let draining = false;
  server.on('connection', (socket: Socket) => {
    sockets.set(socket, { active: 0, served: 0 });
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('request', (request, response) => {
    const tracked = sockets.get(request.socket);
    if (!tracked) return;
    tracked.active++;
    // Once draining, the answer is the connection's last (Connection: close).
    if (draining) response.shouldKeepAlive = false;
    response.once('close', () => {
      tracked.active--;
      tracked.served++;
      if (draining && tracked.active === 0) request.socket.end();
    });
  });
  return {
    drain: async (graceMs) => {
      draining = true;
      // net.Server's close: stop accepting, without http.Server's closing of "idle" connections.
      const closed = new Promise<void>((done) => NetServer.prototype.close.call(server, () => done()));
      for (const [socket, tracked] of sockets) if (tracked.active === 0 && tracked.served > 0) socket.end();
      const silent = setTimeout(
        () => {
          for (const [socket, tracked] of sockets) if (tracked.active === 0) socket.destroy();
        },
        Math.min(FIRST_REQUEST_MS, graceMs),
      );
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((done) => {
        timer = setTimeout(() => {
          for (const socket of sockets.keys()) socket.destroy();
          done();
        }, graceMs);
      });
      await Promise.race([closed, late]);
      clearTimeout(silent);
      clearTimeout(timer);
      await closed;
    },
  };
}
