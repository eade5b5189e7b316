import http from 'node:http';

export interface RawResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  sent: number;
}

/**
 * A request whose body is streamed chunked (no Content-Length), like an attacker's: `prefix` first, then
 * `filler` bytes of `fillByte` until `total` is reached or the server answers. Writing stops as soon as the
 * response arrives; a reset after that is the server closing the connection, which is what it should do.
 */
export function sendChunked(
  base: string,
  path: string,
  opts: {
    method?: string;
    headers?: Record<string, string>;
    prefix?: string | Buffer;
    suffix?: string | Buffer;
    total: number;
    fillByte?: number;
  },
): Promise<RawResult> {
  const url = new URL(path, base);
  const prefix = Buffer.from(opts.prefix ?? '');
  const suffix = Buffer.from(opts.suffix ?? '');
  const chunk = Buffer.alloc(64 * 1024, opts.fillByte ?? 0x20);
  return new Promise((resolve, reject) => {
    let answered = false;
    let sent = 0;
    const req = http.request({
      host: url.hostname,
      port: url.port,
      path: url.pathname + url.search,
      method: opts.method ?? 'POST',
      headers: { 'transfer-encoding': 'chunked', ...opts.headers },
      agent: false,
    });
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, sent }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, sent }));
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    const write = (buf: Buffer) =>
      new Promise<void>((ok) => {
        sent += buf.byteLength;
        if (req.write(buf)) ok();
        else {
          // Both listeners go once either fires; a 'close' left behind per drain piles up past the listener limit.
          const done = () => {
            req.off('drain', done);
            req.off('close', done);
            ok();
          };
          req.once('drain', done);
          req.once('close', done);
        }
      });
    void (async () => {
      await write(prefix);
      const fill = opts.total - prefix.byteLength - suffix.byteLength;
      for (let n = 0; n < fill && !answered && !req.destroyed; n += chunk.byteLength) {
        await write(fill - n >= chunk.byteLength ? chunk : chunk.subarray(0, fill - n));
      }
      if (!answered && !req.destroyed) {
        await write(suffix);
        req.end();
      }
    })();
  });
}
