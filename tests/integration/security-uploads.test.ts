import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type TestDatabase } from '../helpers/db.ts';
import { Client, multipart } from '../helpers/http.ts';
import { sendChunked } from '../helpers/raw-http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { inspectHtml } from '../helpers/xss.ts';

/**
 * Issue 14, security suite: malicious uploads to every upload endpoint of the real built server. Each file is
 * either refused with a clear message in the uploader's language (4xx, never 5xx) with nothing written (no
 * media row, no file under DATA_DIR/media), or accepted only as a re-encoded raster: the served bytes are a
 * clean image of the format their name says, with no trailing payload and no metadata.
 */
let server: TestServer;
let owner: Client;
let ownerEn: Client;
let shopId = '';
let productId = '';
/** A transfer order awaiting payment: its status page takes the customer's receipt and shows the QRIS. */
const transferOrder = { path: '', code: '' };
/** Loopback listener an SVG's external reference points at: any connection is a server-side request forgery. */
let trap: net.Server;
let trapHits = 0;
let trapUrl = '';

async function count(db: TestDatabase, sql: string): Promise<number> {
  if (db.dialect === 'sqlite') {
    const s = new Sqlite(db.env.SQLITE_PATH!, { readonly: true });
    try {
      return Number((s.prepare(sql).get() as { n: number }).n);
    } finally {
      s.close();
    }
  }
  const c = new pg.Client({ connectionString: db.env.DATABASE_URL });
  await c.connect();
  try {
    return Number((await c.query<{ n: string }>(sql)).rows[0]!.n);
  } finally {
    await c.end();
  }
}
/** A statement as the database owner (a fixture change, not the app's own write). */
async function run(db: TestDatabase, sql: string): Promise<void> {
  if (db.dialect === 'sqlite') {
    const s = new Sqlite(db.env.SQLITE_PATH!);
    try {
      s.prepare(sql).run();
    } finally {
      s.close();
    }
    return;
  }
  const c = new pg.Client({ connectionString: db.env.DATABASE_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}
/**
 * The payment settings form allows 20 posts per owner in 15 minutes (it re-checks the password); this suite
 * posts more files than that, so the cap is cleared before each, and each answer is about the file.
 */
const clearPaymentFormCap = () => run(server.db, "delete from rate_limits where key like 'paysettings%'");

/** Every file under the shop's media folder (written files; a refused upload must add none). */
function mediaFiles(): string[] {
  const dir = path.join(server.db.env.DATA_DIR!, 'media', shopId);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

const state = async () => ({ rows: await count(server.db, 'select count(*) as n from media'), files: mediaFiles().length });

// ---- the files ----------------------------------------------------------------------------------------------

const jpeg = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: '#c0392b' } })
    .jpeg()
    .toBuffer();
const png = () =>
  sharp({ create: { width: 64, height: 48, channels: 4, background: '#2980b9' } })
    .png()
    .toBuffer();

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}
function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.byteLength);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
/** A PNG that declares width×height (grayscale 8-bit) with `idat` as its compressed pixel data. */
function pngDeclaring(width: number, height: number, idat: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 0;
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', idat),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}
/** Insert a chunk right after IHDR (8 signature + 25 IHDR bytes). */
const withChunk = (img: Buffer, type: string, data: Buffer) => Buffer.concat([img.subarray(0, 33), pngChunk(type, data), img.subarray(33)]);
/** Insert a JPEG COM segment right after SOI. */
function withJpegComment(img: Buffer, text: string): Buffer {
  const data = Buffer.from(text, 'latin1');
  const seg = Buffer.alloc(4);
  seg.writeUInt16BE(0xfffe, 0);
  seg.writeUInt16BE(data.byteLength + 2, 2);
  return Buffer.concat([img.subarray(0, 2), seg, data, img.subarray(2)]);
}
const HTML_PAYLOAD = '<html><body><script>window.__xss=1;alert(1)</script></body></html>';
const PHP_PAYLOAD = '<?php system($_GET["c"]); ?><script>alert(1)</script>';
/** A minimal ZIP (one stored empty file), appended to a JPEG: a "JPEG that is also a ZIP/JAR". */
const ZIP_TAIL = Buffer.concat([
  Buffer.from('504b0304', 'hex'),
  Buffer.alloc(26),
  Buffer.from('x.html'),
  Buffer.from('504b0506', 'hex'),
  Buffer.alloc(18),
]);

interface Bad {
  name: string;
  data: () => Promise<Buffer> | Buffer;
  type: string;
  file: string;
  /** The message key part expected (id, en). */
  says: [RegExp, RegExp];
}
const NOT_IMAGE: [RegExp, RegExp] = [/bukan gambar/i, /not a readable/i];
const TOO_MANY: [RegExp, RegExp] = [/megapiksel/i, /megapixels/i];

const refused = (): Bad[] => [
  {
    name: 'SVG with <script>',
    data: () =>
      Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>`,
      ),
    type: 'image/svg+xml',
    file: 'logo.svg',
    says: NOT_IMAGE,
  },
  {
    name: 'SVG with onload and an external reference',
    data: () =>
      Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10" onload="alert(1)"><image xlink:href="${trapUrl}/ssrf.png" width="10" height="10"/><image href="file:///etc/passwd"/></svg>`,
      ),
    type: 'image/png',
    file: 'logo.png',
    says: NOT_IMAGE,
  },
  {
    name: 'HTML named .jpg, sent as image/jpeg',
    data: () => Buffer.from(HTML_PAYLOAD),
    type: 'image/jpeg',
    file: 'foto.jpg',
    says: NOT_IMAGE,
  },
  {
    name: 'GIF/JS polyglot (not an accepted format)',
    data: () => Buffer.from('GIF89a/*\x01\x00\x01\x00\x00\x00\x00;*/=1;window.__xss=1;//', 'latin1'),
    type: 'image/gif',
    file: 'a.gif',
    says: NOT_IMAGE,
  },
  {
    name: 'PNG declaring 50,000 × 50,000 pixels',
    data: () => pngDeclaring(50_000, 50_000, zlib.deflateSync(Buffer.alloc(50_001))),
    type: 'image/png',
    file: 'bomb.png',
    says: TOO_MANY,
  },
  {
    name: 'decompression bomb: 7,000 × 7,000 zeros deflated to a few KB',
    data: () => pngDeclaring(7_000, 7_000, zlib.deflateSync(Buffer.alloc(7_001 * 7_000), { level: 9 })),
    type: 'image/png',
    file: 'zeros.png',
    says: TOO_MANY,
  },
  {
    name: 'corrupt JPEG (magic bytes, then garbage)',
    data: () => Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), Buffer.alloc(4000, 0x41)]),
    type: 'image/jpeg',
    file: 'rusak.jpg',
    says: NOT_IMAGE,
  },
  {
    name: 'truncated PNG (cut inside its pixel data)',
    data: async () => {
      const big = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#123456' } })
        .composite([
          {
            input: await sharp({ create: { width: 200, height: 100, channels: 3, background: '#ff0' } })
              .png()
              .toBuffer(),
            top: 50,
            left: 50,
          },
        ])
        .png({ compressionLevel: 0 })
        .toBuffer();
      return big.subarray(0, Math.floor(big.byteLength / 2));
    },
    type: 'image/png',
    file: 'potong.png',
    says: NOT_IMAGE,
  },
  { name: 'empty file', data: () => Buffer.alloc(0), type: 'image/jpeg', file: 'kosong.jpg', says: [/.+/, /.+/] },
];

interface Good {
  name: string;
  data: () => Promise<Buffer>;
  type: string;
  file: string;
  /** Byte strings that must not survive into any served rendering. */
  gone: string[];
}
const accepted = (): Good[] => [
  {
    name: 'JPEG with an HTML/JS payload in a comment segment and after its end (JPEG/HTML polyglot)',
    data: async () => Buffer.concat([withJpegComment(await jpeg(), HTML_PAYLOAD), Buffer.from(HTML_PAYLOAD)]),
    type: 'text/html',
    file: 'foto.html',
    gone: ['<script', '__xss', '<html'],
  },
  {
    name: 'PNG with a PHP/HTML payload in a tEXt chunk and after IEND',
    data: async () =>
      Buffer.concat([withChunk(await png(), 'tEXt', Buffer.from(`Comment\0${PHP_PAYLOAD}`, 'latin1')), Buffer.from(PHP_PAYLOAD)]),
    type: 'image/png',
    file: 'logo.php.png',
    gone: ['<?php', '<script', 'tEXt'],
  },
  {
    name: 'JPEG with a ZIP appended (JPEG/ZIP polyglot)',
    data: async () => Buffer.concat([await jpeg(), ZIP_TAIL]),
    type: 'application/zip',
    file: 'foto.zip',
    gone: ['PK\x03\x04', 'PK\x05\x06', 'x.html'],
  },
  {
    name: 'JPEG with EXIF GPS and a camera name, sent with an .svg name and type',
    data: () =>
      jpeg().then((b) =>
        sharp(b)
          .withExif({ IFD0: { Make: 'SecretCam', Model: 'PhoneXSS<script>' }, IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '5/1 12/1 0/1' } })
          .jpeg()
          .toBuffer(),
      ),
    type: 'image/svg+xml',
    file: 'foto.svg',
    gone: ['SecretCam', 'PhoneXSS', 'Exif\0\0'],
  },
];

const MAGIC: Record<string, (b: Buffer) => boolean> = {
  jpg: (b) => b[0] === 0xff && b[1] === 0xd8 && b.at(-2) === 0xff && b.at(-1) === 0xd9,
  png: (b) => b.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex')) && b.subarray(-8, -4).toString('latin1') === 'IEND',
  webp: (b) =>
    b.subarray(0, 4).toString('latin1') === 'RIFF' &&
    b.subarray(8, 12).toString('latin1') === 'WEBP' &&
    b.readUInt32LE(4) + 8 === b.byteLength,
  avif: (b) => b.subarray(4, 12).toString('latin1') === 'ftypavif',
};

/** The served renderings of an accepted image are clean re-encodes: right magic, nothing after the end, no payload, no EXIF. */
async function expectCleanRenderings(client: Client, srcs: string[], gone: string[]) {
  expect(srcs.length).toBeGreaterThan(0);
  // The original (kept byte for byte for reprocessing) is never served, so its payload stays inert on disk.
  expect((await client.get(srcs[0]!.replace(/[^/?]+(\?.*)?$/, 'original'))).status).toBe(404);
  for (const src of srcs) {
    const r = await client.get(src);
    expect(r.status, src).toBe(200);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    const ext = /\.(\w+)$/.exec(new URL(src, server.url).pathname)![1]!;
    expect(r.headers.get('content-type')).toBe({ jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp', avif: 'image/avif' }[ext]);
    const bytes = Buffer.from(await r.arrayBuffer());
    expect(MAGIC[ext]!(bytes), `${src} is a clean ${ext}`).toBe(true);
    const latin = bytes.toString('latin1');
    for (const g of gone) expect(latin.includes(g), `${src} still holds ${JSON.stringify(g)}`).toBe(false);
    const meta = await sharp(bytes).metadata();
    expect(meta.exif, `${src} has EXIF`).toBeUndefined();
  }
}

beforeAll(async () => {
  trap = net.createServer((s) => {
    trapHits++;
    s.destroy();
  });
  await new Promise<void>((r) => trap.listen(0, '127.0.0.1', r));
  trapUrl = `http://127.0.0.1:${(trap.address() as net.AddressInfo).port}`;
  server = await startServer();
  owner = new Client(server.url);
  ownerEn = new Client(server.url, { lang: 'en' });
  await owner.signIn('pemilik@hk05.test', DEMO_PASSWORD);
  await ownerEn.signIn('pemilik@hk05.test', DEMO_PASSWORD);
  shopId = ((await (await owner.get('/api/v1/shops/hk05')).json()) as { shop: { id: string } }).shop.id;
  const created = await owner.post('/api/v1/shops/hk05/products', { name: 'Foto Uji Unggah', price: 1000, status: 'published' });
  expect(created.status).toBe(201);
  productId = ((await created.json()) as { product: { id: string } }).product.id;
  const settings = await owner.request('/dashboard/hk05/pembayaran', { method: 'POST', body: multipart(PAYMENT_FIELDS, []) });
  expect(settings.status, await settings.clone().text()).toBe(303);
  const order = await new Client(server.url).post('/api/v1/shops/hk05/orders', {
    items: [{ productId, quantity: 1 }],
    customerName: 'Pembeli Transfer',
    customerPhone: '0812 0000 7777',
    delivery: 'pickup',
    payment: 'transfer',
  });
  expect(order.status, await order.clone().text()).toBe(201);
  const made = (await order.json()) as { code: string; statusUrl: string };
  transferOrder.path = new URL(made.statusUrl, server.url).pathname;
  transferOrder.code = made.code;
}, 600_000);

afterAll(async () => {
  await server?.stop();
  await new Promise((r) => trap?.close(r));
});

/** The upload endpoints: post one file as a client, answer status and the error text (JSON message or page HTML). */
interface Endpoint {
  name: string;
  post: (c: Client, f: { data: Buffer; type: string; file: string }) => Promise<Response>;
  /** Public or owner-visible URLs of the renderings of what the last accepted upload stored. */
  renderings: (res: Response, c: Client) => Promise<string[]>;
  /** A form whose file input may be left empty: an empty file there means "no photo", not a bad one. */
  emptyIsNoFile?: boolean;
}
let nth = 0;
const endpoints: Endpoint[] = [
  {
    name: 'product photos (API)',
    post: (c, f) =>
      c.request(`/api/v1/shops/hk05/products/${productId}/photos`, {
        method: 'POST',
        body: multipart({ alt: 'uji' }, [{ data: f.data, type: f.type, name: f.file }]),
      }),
    renderings: async (res) => {
      const photos = ((await res.json()) as { photos: { src: string; srcset: Record<string, string> }[] }).photos;
      const last = photos.at(-1)!;
      return [last.src, ...Object.values(last.srcset).map((s) => s.split(',')[0]!.trim().split(' ')[0]!)];
    },
  },
  {
    name: 'brand studio images and logo (API)',
    post: (c, f) =>
      c.request('/api/v1/shops/hk05/design-images', {
        method: 'POST',
        body: multipart({}, [{ data: f.data, type: f.type, name: f.file }]),
      }),
    renderings: async (res) => {
      const src = ((await res.json()) as { src: string }).src;
      return [src, src.replace('1280.png', '640.webp'), src.replace('1280.png', '320.avif')];
    },
  },
  {
    name: 'cash book receipt photo (dashboard form)',
    emptyIsNoFile: true,
    post: (c, f) =>
      c.request('/dashboard/hk05/kas', {
        method: 'POST',
        body: multipart(
          {
            action: 'expense',
            account: '5302',
            amount: '1.000',
            paidWith: 'cash',
            date: '',
            memo: 'nota uji',
            idempotencyKey: `unggah-${++nth}`,
          },
          [{ field: 'receipt', data: f.data, type: f.type, name: f.file }],
        ),
      }),
    renderings: async (_res, c) => {
      // The newest receipt is linked from the cash book list (private, owner only).
      const html = await (await c.get('/dashboard/hk05/kas')).text();
      const links = [...html.matchAll(/(?:href|src)="([^"]*\/kas\/nota\/[^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
      expect(links.length).toBeGreaterThan(0);
      return [links[0]!, links[0]!.replace('640.jpg', '640.webp'), links[0]!.replace('640.jpg', '320.avif')];
    },
  },
];

/** The shop's bank and QRIS settings form (the owner re-enters the password for money settings). */
const PAYMENT_FIELDS = {
  bankName: 'BRI',
  bankAccountNumber: '0123 4567 8901 234',
  bankAccountHolder: 'Hj. Kasma',
  acceptWhatsapp: '1',
  acceptTransfer: '1',
  password: DEMO_PASSWORD,
};
endpoints.push(
  {
    name: "customer's transfer receipt (storefront order page form)",
    post: (c, f) =>
      c.request(transferOrder.path, {
        method: 'POST',
        body: multipart({}, [{ field: 'receipt', data: f.data, type: f.type, name: f.file }]),
      }),
    renderings: async () => {
      // Private: the shop sees the newest receipt through the order page.
      const html = await (await owner.get(`/dashboard/hk05/pesanan/${transferOrder.code}`)).text();
      const link = /(?:href|src)="([^"]*\/bukti\/640\.jpg)"/.exec(html)?.[1];
      expect(link).toBeDefined();
      return [link!, link!.replace('640.jpg', '640.webp'), link!.replace('640.jpg', '320.avif')];
    },
  },
  {
    name: "shop's QRIS image (payment settings form)",
    emptyIsNoFile: true,
    post: async (c, f) => {
      await clearPaymentFormCap();
      return c.request('/dashboard/hk05/pembayaran', {
        method: 'POST',
        body: multipart(PAYMENT_FIELDS, [{ field: 'qris', data: f.data, type: f.type, name: f.file }]),
      });
    },
    renderings: async () => [
      '/dashboard/hk05/pembayaran/qris/320.png',
      `${transferOrder.path}/qris/640.png`,
      `${transferOrder.path}/qris/1280.png`,
    ],
  },
);

const textOf = async (r: Response) => {
  const t = await r.text();
  try {
    const e = (JSON.parse(t) as { error?: { message?: string; fields?: Record<string, string[]> } }).error;
    return [e?.message, ...Object.values(e?.fields ?? {}).flat()].join(' ');
  } catch {
    return t;
  }
};

/** Each bad file is made once and sent to every endpoint (the bombs take a while to deflate). */
const madeFiles = new Map<string, Promise<Buffer>>();
const made = (bad: Bad) => {
  if (!madeFiles.has(bad.name)) madeFiles.set(bad.name, Promise.resolve(bad.data()));
  return madeFiles.get(bad.name)!;
};

describe.each(endpoints)('$name', (ep) => {
  it.each(refused().filter((b) => !(ep.emptyIsNoFile && b.name === 'empty file')))(
    'refuses $name: 4xx in Indonesian and English, nothing written',
    async (bad) => {
      const data = await made(bad);
      const before = await state();
      for (const [i, c] of [owner, ownerEn].entries()) {
        const r = await ep.post(c, { data, type: bad.type, file: bad.file });
        const body = await textOf(r);
        expect(r.status, body.slice(0, 300)).toBeGreaterThanOrEqual(400);
        expect(r.status, body.slice(0, 300)).toBeLessThan(500);
        expect(body).toMatch(bad.says[i]!);
      }
      expect(await state()).toEqual(before);
      expect(trapHits).toBe(0);
    },
  );

  it.each(accepted())('accepts $name only as a clean re-encoded raster', async (good) => {
    const data = await good.data();
    const before = await state();
    const r = await ep.post(owner, { data, type: good.type, file: good.file });
    expect([200, 201, 303], (await r.clone().text()).slice(0, 300)).toContain(r.status);
    const after = await state();
    expect(after.rows).toBe(before.rows + 1);
    expect(after.files).toBeGreaterThan(before.files);
    await expectCleanRenderings(owner, await ep.renderings(r, owner), good.gone);
  });
});

describe('a 100 MB upload', () => {
  const BOUNDARY = '----etalase100mb';
  const head = (field: string) =>
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="besar.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff\xe0`;
  const status = (pid: number) => fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (s: string, key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(s)![1]);

  it.each([
    ['product photos (API)', (): string => `/api/v1/shops/hk05/products/${productId}/photos`, 'file'],
    ['brand studio images (API)', (): string => '/api/v1/shops/hk05/design-images', 'file'],
    ['cash book receipt (dashboard form)', (): string => '/dashboard/hk05/kas', 'receipt'],
    ["customer's transfer receipt (order page form)", (): string => transferOrder.path, 'receipt'],
    ["shop's QRIS image (payment settings form)", (): string => '/dashboard/hk05/pembayaran', 'qris'],
  ] as const)('%s: 413 with a clear message, streamed (server RSS stays bounded), nothing written', async (_n, url, field) => {
    const pid = server.proc.pid!;
    const before = await state();
    for (const c of [owner, ownerEn]) {
      // Reset the peak-RSS mark (VmHWM) so it measures this request only.
      await clearPaymentFormCap();
      fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
      const rssBefore = kb(status(pid), 'VmRSS');
      const r = await sendChunked(server.url, url(), {
        headers: {
          'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
          cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          origin: server.url,
          accept: url().startsWith('/api') ? 'application/json' : 'text/html',
        },
        prefix: Buffer.from(head(field), 'latin1'),
        suffix: `\r\n--${BOUNDARY}--\r\n`,
        total: 100 * 1024 * 1024,
      });
      const peak = kb(status(pid), 'VmHWM');
      // The cap is 15 MB a file: the server may hold that much (and its copies), never the 100 MB.
      expect(peak - rssBefore, `peak RSS grew by ${Math.round((peak - rssBefore) / 1024)} MB`).toBeLessThan(64 * 1024);
      expect(r.sent).toBeLessThan(60 * 1024 * 1024);
      expect(r.status, r.body.slice(0, 300)).toBe(413);
      expect(r.body).toMatch(c === ownerEn ? /too large.*15 MB/i : /terlalu besar.*15 MB/i);
    }
    expect(await state()).toEqual(before);
  });
});

// ---- marketplace import files (CSV / XLSX) ------------------------------------------------------------------

/** A ZIP of deflated entries, written by hand so a test can build what no spreadsheet program would save. */
function zip(entries: { name: string; deflated: Buffer; crc: number; size: number }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(8, 8);
    h.writeUInt32LE(e.crc, 14);
    h.writeUInt32LE(e.deflated.byteLength, 18);
    h.writeUInt32LE(e.size, 22);
    h.writeUInt16LE(name.byteLength, 26);
    locals.push(h, name, e.deflated);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(e.crc, 16);
    c.writeUInt32LE(e.deflated.byteLength, 20);
    c.writeUInt32LE(e.size, 24);
    c.writeUInt16LE(name.byteLength, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += 30 + name.byteLength + e.deflated.byteLength;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.byteLength, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
const entry = (name: string, text: string) => {
  const data = Buffer.from(text);
  return { name, deflated: zlib.deflateRawSync(data), crc: zlib.crc32(data), size: data.byteLength };
};
/** An entry whose text is head + body repeated `times` + tail, deflated as a stream (never held whole). */
async function bombEntry(name: string, head: string, body: string, times: number, tail: string) {
  const d = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  d.on('data', (b: Buffer) => out.push(b));
  const done = new Promise((r) => d.on('end', r));
  let crc = zlib.crc32(head);
  d.write(head);
  const block = Buffer.from(body.repeat(Math.max(1, Math.floor((1 << 20) / body.length))));
  const per = block.byteLength / Buffer.byteLength(body);
  let size = Buffer.byteLength(head);
  for (let n = 0; n < times; n += per) {
    crc = zlib.crc32(block, crc);
    size += block.byteLength;
    if (!d.write(block)) await new Promise((r) => d.once('drain', r));
  }
  crc = zlib.crc32(tail, crc);
  size += Buffer.byteLength(tail);
  d.end(tail);
  await done;
  return { name, deflated: Buffer.concat(out), crc, size: size >>> 0 };
}
const XLSX_PARTS = [
  entry(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
  ),
  entry(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  ),
  entry(
    'xl/workbook.xml',
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="orders" sheetId="1" r:id="rId1"/></sheets></workbook>',
  ),
];
const workbookRels = (extra = '') =>
  entry(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>${extra}</Relationships>`,
  );
const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
  '<row r="1"><c r="A1" t="inlineStr"><is><t>Order ID</t></is></c><c r="B1" t="inlineStr"><is><t>Product Name</t></is></c><c r="C1" t="inlineStr"><is><t>Quantity</t></is></c><c r="D1" t="inlineStr"><is><t>Deal Price</t></is></c></row>';
const SHEET_TAIL = '</sheetData></worksheet>';
const SHEET_ROW =
  '<row r="2"><c r="A2" t="inlineStr"><is><t>ORD1</t></is></c><c r="B2" t="inlineStr"><is><t>X</t></is></c><c r="C2"><v>1</v></c><c r="D2"><v>1000</v></c></row>';
const SST_HEAD = '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
const EMPTY_SST = '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>';
/** A sheet whose order id and product name are shared string 0. */
const SHARED_SHEET = `${SHEET_HEAD}<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>0</v></c><c r="C2"><v>1</v></c><c r="D2"><v>1000</v></c></row>${SHEET_TAIL}`;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const csvRow = (i: number) => `ORD${i},Foto Uji Unggah,1,1000\n`;
const CSV_HEAD = 'Order ID,Product Name,Quantity,Deal Price\n';

const importState = async () => ({
  runs: await count(server.db, 'select count(*) as n from marketplace_imports'),
  orders: await count(server.db, 'select count(*) as n from orders'),
  files: fs.existsSync(path.join(server.db.env.DATA_DIR!, 'imports'))
    ? fs.readdirSync(path.join(server.db.env.DATA_DIR!, 'imports')).length
    : 0,
});
const postImport = (c: Client, data: Buffer, name: string, type: string) =>
  c.request('/api/v1/shops/hk05/imports', { method: 'POST', body: multipart({ marketplace: 'shopee' }, [{ data, type, name }]) });

describe('marketplace import files', () => {
  const refusedImports: {
    name: string;
    data: () => Promise<Buffer> | Buffer;
    file: string;
    type: string;
    status: number;
    says: [RegExp, RegExp];
  }[] = [
    {
      name: 'a CSV over 10 MB',
      data: () => {
        const row = csvRow(1);
        return Buffer.from(CSV_HEAD + row.repeat(Math.ceil((10 * 1024 * 1024 + 1) / row.length)));
      },
      file: 'besar.csv',
      type: 'text/csv',
      status: 413,
      says: [/10 MB/, /10 MB/],
    },
    {
      name: 'a CSV of 50,001 rows',
      data: () => Buffer.from(CSV_HEAD + Array.from({ length: 50_001 }, (_, i) => csvRow(i)).join('')),
      file: 'banyak.csv',
      type: 'text/csv',
      status: 413,
      says: [/50\.000 baris/, /50,000 rows/],
    },
    {
      name: 'an XLSX of 60,000 rows (streamed, refused at the row cap)',
      data: async () =>
        zip([
          ...XLSX_PARTS,
          workbookRels(),
          entry('xl/sharedStrings.xml', EMPTY_SST),
          await bombEntry('xl/worksheets/sheet1.xml', SHEET_HEAD, SHEET_ROW, 60_000, SHEET_TAIL),
        ]),
      file: 'banyak.xlsx',
      type: XLSX_TYPE,
      status: 413,
      says: [/50\.000 baris/, /50,000 rows/],
    },
    {
      // The sheet before its shared strings: exceljs would write it whole to a temporary file before reading it.
      name: 'an XLSX zip bomb: a few hundred KB whose sheet inflates to 3,000,000 rows (about 450 MB)',
      data: async () =>
        zip([
          ...XLSX_PARTS,
          workbookRels(),
          await bombEntry('xl/worksheets/sheet1.xml', SHEET_HEAD, SHEET_ROW, 3_000_000, SHEET_TAIL),
          entry('xl/sharedStrings.xml', EMPTY_SST),
        ]),
      file: 'bom.xlsx',
      type: XLSX_TYPE,
      status: 413,
      says: [/terlalu besar setelah dibuka/, /too large once unpacked/],
    },
    {
      name: 'an XLSX whose shared strings are 70 MB of short strings (from a few hundred KB)',
      data: async () =>
        zip([
          ...XLSX_PARTS,
          workbookRels(),
          await bombEntry('xl/sharedStrings.xml', SST_HEAD, '<si><t>a</t></si>', (70 * 1024 * 1024) / 17, '</sst>'),
          entry('xl/worksheets/sheet1.xml', SHARED_SHEET),
        ]),
      file: 'teks.xlsx',
      type: XLSX_TYPE,
      status: 413,
      says: [/terlalu besar setelah dibuka/, /too large once unpacked/],
    },
    {
      name: 'an XLSX with a 1 MB inline string in a cell (Excel holds 32,767 characters)',
      data: async () =>
        zip([
          ...XLSX_PARTS,
          workbookRels(),
          entry('xl/sharedStrings.xml', EMPTY_SST),
          await bombEntry(
            'xl/worksheets/sheet1.xml',
            `${SHEET_HEAD}<row r="2"><c r="A2" t="inlineStr"><is><t>`,
            'b',
            1024 * 1024,
            `</t></is></c><c r="B2" t="inlineStr"><is><t>X</t></is></c><c r="C2"><v>1</v></c><c r="D2"><v>1000</v></c></row>${SHEET_TAIL}`,
          ),
        ]),
      file: 'panjang.xlsx',
      type: XLSX_TYPE,
      status: 400,
      says: [/batas Excel \(32\.767 karakter\)/, /longer than Excel allows \(32,767 characters\)/],
    },
    {
      name: 'a PNG named .csv and sent as text/csv',
      data: () => png(),
      file: 'pesanan.csv',
      type: 'text/csv',
      status: 400,
      says: [/tidak (dikenali|dapat dibaca)/, /not recognised|cannot be read/],
    },
    {
      name: 'HTML named .xlsx',
      data: () => Buffer.from(HTML_PAYLOAD),
      file: 'pesanan.xlsx',
      type: XLSX_TYPE,
      status: 400,
      says: [/tidak (dikenali|dapat dibaca)/, /not recognised|cannot be read/],
    },
    {
      name: 'a ZIP that is no workbook, named .xlsx',
      data: () => zip([entry('x.html', HTML_PAYLOAD)]),
      file: 'pesanan.xlsx',
      type: XLSX_TYPE,
      status: 400,
      says: [/tidak (dikenali|dapat dibaca)/, /not recognised|cannot be read/],
    },
  ];

  it.each(refusedImports)('refuses $name: a clear 4xx in Indonesian and English, nothing written', async (bad) => {
    const data = await bad.data();
    const before = await importState();
    for (const [i, c] of [owner, ownerEn].entries()) {
      const r = await postImport(c, data, bad.file, bad.type);
      const body = await textOf(r);
      expect(r.status, body.slice(0, 300)).toBe(bad.status);
      expect(body).toMatch(bad.says[i]!);
    }
    expect(await importState()).toEqual(before);
  });

  it('an XLSX with one 300 MB shared string in under 1 MB: refused without holding it (peak memory), nothing written', async () => {
    const data = zip([
      ...XLSX_PARTS,
      workbookRels(),
      await bombEntry('xl/sharedStrings.xml', `${SST_HEAD}<si><t>`, 'a'.repeat(1024), 300 * 1024, '</t></si></sst>'),
      entry('xl/worksheets/sheet1.xml', SHARED_SHEET),
    ]);
    expect(data.byteLength).toBeLessThan(1024 * 1024);
    const before = await importState();
    // Linux: writing 5 to clear_refs resets the process's peak resident size (VmHWM) to its current size.
    const status = `/proc/${server.proc.pid}/status`;
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(status, 'utf8'))?.[1]);
    fs.writeFileSync(`/proc/${server.proc.pid}/clear_refs`, '5');
    const startKb = kb('VmRSS');
    for (const [i, c] of [owner, ownerEn].entries()) {
      const r = await postImport(c, data, 'teks.xlsx', XLSX_TYPE);
      const body = await textOf(r);
      expect(r.status, body.slice(0, 300)).toBe(400);
      expect(body).toMatch([/batas Excel/, /longer than Excel allows/][i]!);
    }
    // Holding the string took 257 MB more before the workbook was checked as it unpacks; now it never exists.
    expect(kb('VmHWM') - startKb).toBeLessThan(64 * 1024);
    expect(await importState()).toEqual(before);
  });

  it('an XLSX with formulas and an external workbook link: the cached values are read as text, nothing is fetched', async () => {
    const sheet =
      `${SHEET_HEAD}<row r="2"><c r="A2" t="str"><f>HYPERLINK("${trapUrl}/x","ORD-F1")</f><v>ORD-F1</v></c>` +
      `<c r="B2" t="str"><f>[1]Sheet1!A1</f><v>=cmd|' /C calc'!A0</v></c><c r="C2"><f>1+0</f><v>1</v></c><c r="D2"><f>WEBSERVICE("${trapUrl}/p")</f><v>1000</v></c></row>${SHEET_TAIL}`;
    const data = zip([
      ...XLSX_PARTS,
      workbookRels(
        `<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="externalLinks/externalLink1.xml"/>`,
      ),
      entry(
        'xl/sharedStrings.xml',
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
      ),
      entry('xl/worksheets/sheet1.xml', sheet),
      entry(
        'xl/externalLinks/externalLink1.xml',
        '<?xml version="1.0" encoding="UTF-8"?><externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><externalBook r:id="rId1"/></externalLink>',
      ),
      entry(
        'xl/externalLinks/_rels/externalLink1.xml.rels',
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" Target="${trapUrl}/book.xlsx" TargetMode="External"/></Relationships>`,
      ),
    ]);
    const r = await postImport(owner, data, 'rumus.xlsx', XLSX_TYPE);
    const text = await r.text();
    expect(r.status, text.slice(0, 300)).toBe(201);
    const strings = JSON.stringify(JSON.parse(text));
    // The product cell's cached value (a formula as text) is the unmatched product name in the preview.
    expect(strings).toContain("=cmd|' /C calc'!A0");
    expect(strings).not.toContain('HYPERLINK');
    expect(strings).not.toContain('WEBSERVICE');
    expect(trapHits).toBe(0);
  });

  it('a CSV with formula injection: previewed as text, shown escaped on the import page', async () => {
    const csv = `${CSV_HEAD}"=HYPERLINK(""http://x.test"",""klik"")","=cmd|' /C calc'!A0 <img src=x onerror=window.__xss=1>",1,1000\n`;
    const r = await postImport(owner, Buffer.from(csv), 'rumus.csv', 'text/csv');
    const text = await r.text();
    expect(r.status, text.slice(0, 300)).toBe(201);
    const run = JSON.parse(text) as { id: string };
    expect(JSON.stringify(run)).toContain('=cmd|');
    const html = await (await owner.get(`/dashboard/hk05/impor?id=${run.id}`)).text();
    // Shown as text: the page parses (as a browser would) without an injected element or handler.
    const page = inspectHtml(html);
    expect(page.problems).toEqual([]);
    expect(page.text).toContain("=cmd|' /C calc'!A0 <img src=x onerror=window.__xss=1>");
  });
});
