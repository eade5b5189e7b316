import type http from 'node:http';
import type net from 'node:net';

/**
 * Closing a connection while the client is still sending (a body refused with 413 mid-stream) makes the kernel
 * answer the unread bytes with a reset, and a reset can wipe the 413 from the client's buffer before it is read:
 * the browser shows "connection reset" instead of the message. So, as nginx's lingering_close does, a connection
 * the app closes with a request body still unread sends its FIN after the response, then reads and drops what
 * the client keeps sending until the client closes or `lingerMs` passes. Nothing is buffered meanwhile.
 */
export function lingeringClose(server: http.Server, lingerMs = 5000): void {
  const current = new WeakMap<net.Socket, http.IncomingMessage>();
  server.prependListener('request', (req: http.IncomingMessage) => {
    current.set(req.socket, req);
  });
  server.on('connection', (socket: net.Socket) => {
    const destroySoon = socket.destroySoon.bind(socket);
    socket.destroySoon = () => {
      const req = current.get(socket);
      if (!req || req.complete) return destroySoon();
      // Node's HTTP parser drops body bytes of a dumped request instead of queueing them.
      (req as unknown as { _dump(): void })._dump();
      socket.resume();
      socket.end();
      const timer = setTimeout(() => socket.destroy(), lingerMs);
      timer.unref();
      socket.once('close', () => clearTimeout(timer));
    };
  });
}
