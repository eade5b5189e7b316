import net from 'node:net';
import type { BrowserContext } from 'playwright-core';

/**
 * The network between the browser and the server. Playwright's setOffline does not reach a service
 * worker's own requests (microsoft/playwright#2311), so the browser talks to the server through this
 * relay, and "offline" is both: the relay refuses and cuts every connection, and the context is offline
 * (navigator.onLine, the online event).
 */
export class Network {
  private up = true;
  private readonly sockets = new Set<net.Socket>();
  private server: net.Server | null = null;
  url = '';
  async start(target: string) {
    const { hostname, port } = new URL(target);
    this.server = net.createServer((client) => {
      if (!this.up) return client.destroy();
      const upstream = net.connect(Number(port), hostname);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }
  async set(ctx: BrowserContext, online: boolean) {
    this.up = online;
    if (!online) for (const s of this.sockets) s.destroy();
    await ctx.setOffline(!online);
  }
  /** After a test, failed or not: the next one starts online. */
  restore() {
    this.up = true;
  }
  async stop() {
    for (const s of this.sockets) s.destroy();
    await new Promise((r) => this.server?.close(r));
  }
}
