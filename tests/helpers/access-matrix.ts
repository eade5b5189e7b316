import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from './server.ts';
import { Client } from './http.ts';
import { DEMO_PASSWORD } from './db.ts';
import { fillRoute, pageRoutes } from './routes.ts';
import { CAPABILITIES, PAGE_CAPABILITIES, type Capability, type Role } from '#server/auth/access.ts';
import { t } from '#i18n/index.ts';

/**
 * The role × route matrix, generated: every page under /dashboard/[shop] and /program (from the file
 * tree) and every operation of the OpenAPI document is called by every persona, and the answer must be
 * exactly what CAPABILITIES allows. Shop B's owner must get 404 on everything of shop A.
 */
type Persona = Role | 'otherOwner' | 'anonymous';
const PERSONAS: Persona[] = ['owner', 'staff', 'officer', 'admin', 'otherOwner', 'anonymous'];
const LOGINS: Record<Exclude<Persona, 'anonymous'>, string> = {
  owner: 'pemilik@hk05.test',
  staff: 'staf@hk05.test',
  officer: 'pendamping@gowa.test',
  admin: 'admin@etalase.test',
  otherOwner: 'pemilik@roti-balang.test',
};
const GUARD_NOT_FOUND = t('id', 'error.notFound');

function expectedFor(persona: Persona, kind: 'shop' | 'program', capability: Capability): 'allow' | 'forbidden' | 'hidden' | 'signin' {
  if (persona === 'anonymous') return 'signin';
  const roles = CAPABILITIES[capability].roles as readonly Role[];
  if (kind === 'shop') {
    if (persona === 'owner' || persona === 'staff') return roles.includes(persona) ? 'allow' : 'forbidden';
    return 'hidden';
  }
  if (persona === 'officer' || persona === 'admin') return roles.includes(persona) ? 'allow' : 'hidden';
  return 'hidden';
}

/**
 * Registers the whole matrix against the server `start` returns (tests/integration/access.test.ts runs it
 * on a plain server; rls.test.ts runs it with PostgreSQL row-level security on).
 */
export function accessMatrixSuite(title: string, start: () => Promise<TestServer>): { server: () => TestServer; owner: () => Client } {
  let server: TestServer;
  const clients = {} as Record<Persona, Client>;
  let samples: Record<string, string>;
  let doc: { paths: Record<string, Record<string, { 'x-access': { kind: string; capability?: Capability }; requestBody?: unknown }>> };

  beforeAll(async () => {
    server = await start();
    for (const p of PERSONAS) {
      clients[p] = new Client(server.url);
      if (p !== 'anonymous') await clients[p].signIn(LOGINS[p], DEMO_PASSWORD);
    }
    const session = (await (await clients.officer.get('/api/v1/session')).json()) as { user: { id: string } };
    const products = (await (await clients.owner.get('/api/v1/shops/hk05/products')).json().catch(() => ({}))) as {
      products?: { id: string; slug: string }[];
    };
    // An order of shop A, placed through the public API, so the order routes are called with a real code.
    const placed = await clients.anonymous.post('/api/v1/shops/hk05/orders', {
      items: [{ product: 'telur-asin-bakar-satuan', quantity: 1 }],
      customerName: 'Sampel',
      customerPhone: '0812 0000 1111',
      delivery: 'pickup',
      payment: 'whatsapp',
    });
    const orderCode = ((await placed.json()) as { code?: string }).code ?? 'none';
    // Param samples: ids that exist in shop A where a route needs one. userId is a user who is not a member,
    // so an allowed caller reaches the domain function and gets its own "member not found", not the guard's 404.
    // Brand studio samples: a design of shop A and a product that has label facts.
    const designs = (await (await clients.owner.get('/api/v1/shops/hk05/designs')).json()) as { designs: { id: string }[] };
    const facts = (await (await clients.owner.get('/api/v1/shops/hk05/label-facts')).json()) as { products: { productId: string }[] };
    // Program registry: the demo program (from the officer's page) and shop A's id; a licence that does not exist.
    const programPage = await (await clients.officer.get('/program')).text();
    const shopA = (await (await clients.owner.get('/api/v1/shops/hk05')).json()) as { shop: { id: string } };
    const trainings = (await (await clients.officer.get('/api/v1/program/trainings')).json()) as { trainings: { id: string }[] };
    samples = {
      programId: /name="programId" value="([a-z0-9]+)"/.exec(programPage)?.[1] ?? 'none',
      shopId: shopA.shop.id,
      licenceId: 'nolicence',
      shop: 'hk05',
      userId: session.user.id,
      code: orderCode,
      id: products.products?.[0]?.id ?? 'none',
      product: products.products?.[0]?.slug ?? 'none',
      // A photo id that is not on the product: an allowed caller reaches the domain's own 404, nothing is deleted.
      mediaId: 'nophoto',
      designId: designs.designs[0]?.id ?? 'none',
      productId: facts.products[0]?.productId ?? 'none',
      // Ledger: a report file that exists; entry and debt ids that do not, so an allowed caller gets the domain's 404.
      report: 'profit-loss',
      entryId: 'noentry',
      debtId: 'nodebt',
      // Marketplace import: a run that does not exist, so an allowed caller gets the domain's 404.
      importId: 'noimport',
      // Training pages: the seeded training; a survey that does not exist, so an allowed caller gets the domain's 404.
      training: trainings.trainings[0]?.id ?? 'none',
      trainingId: trainings.trainings[0]?.id ?? 'none',
      surveyId: 'nosurvey',
      ...(globalThis as { ACCESS_SAMPLES?: Record<string, string> }).ACCESS_SAMPLES,
    };
    doc = (await (await clients.anonymous.get('/api/v1/openapi.json')).json()) as typeof doc;
  }, 900_000);

  afterAll(async () => {
    await server?.stop();
  });

  describe(title, () => {
    it('every dashboard and program page declares a capability', () => {
      const pages = [...pageRoutes('dashboard/[shop]'), ...pageRoutes('program')];
      expect(pages.length).toBeGreaterThanOrEqual(4);
      for (const p of pages)
        expect(PAGE_CAPABILITIES[p], `${p} needs an entry in DASHBOARD_PAGES (src/server/http/dashboard-pages.ts)`).toBeDefined();
    });

    it('pages answer each persona as the matrix says', async () => {
      const pages = [...pageRoutes('dashboard/[shop]'), ...pageRoutes('program')];
      const failures: string[] = [];
      for (const pattern of pages) {
        const capability = PAGE_CAPABILITIES[pattern]!;
        const kind = pattern.startsWith('/program') ? 'program' : 'shop';
        const url = fillRoute(pattern, samples);
        for (const persona of PERSONAS) {
          const res = await clients[persona].get(url);
          const body = await res.text();
          const want = expectedFor(persona, kind, capability);
          const ok =
            want === 'allow'
              ? res.status === 200
              : want === 'forbidden'
                ? res.status === 403
                : want === 'hidden'
                  ? res.status === 404
                  : res.status === 303 && (res.headers.get('location') ?? '').startsWith('/masuk');
          if (!ok) failures.push(`${persona} GET ${url}: want ${want}, got ${res.status}`);
          if (persona === 'otherOwner') expect(body).not.toContain('HK05 Telur Asin');
        }
      }
      expect(failures).toEqual([]);
    });

    it('API operations from the OpenAPI document answer each persona as the matrix says', async () => {
      const failures: string[] = [];
      let count = 0;
      for (const [pattern, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          const access = op['x-access'];
          if (access.kind === 'public') continue;
          count++;
          const url = fillRoute(pattern, samples);
          for (const persona of PERSONAS) {
            // A malformed body: an allowed caller gets past the guard and stops at parsing (400), writing nothing.
            const res = await clients[persona].request(url, {
              method: method.toUpperCase(),
              ...(op.requestBody ? { body: '{', headers: { 'content-type': 'application/json' } } : {}),
            });
            const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
            let want: string;
            if (access.kind === 'signedIn') want = persona === 'anonymous' ? 'signin' : 'allow';
            else want = expectedFor(persona, access.kind as 'shop' | 'program', access.capability!);
            const guardHidden = res.status === 404 && body?.error?.message === GUARD_NOT_FOUND;
            const ok =
              want === 'allow'
                ? ![401, 403].includes(res.status) && !guardHidden && res.status < 500
                : want === 'forbidden'
                  ? res.status === 403
                  : want === 'hidden'
                    ? guardHidden
                    : res.status === 401;
            if (!ok) failures.push(`${persona} ${method.toUpperCase()} ${url}: want ${want}, got ${res.status} ${JSON.stringify(body)}`);
            // Signing out is one of the routes: sign back in for the next ones.
            if (persona !== 'anonymous' && method === 'delete' && pattern === '/api/v1/session')
              await clients[persona].signIn(LOGINS[persona], DEMO_PASSWORD);
          }
        }
      }
      expect(count).toBeGreaterThanOrEqual(8);
      expect(failures).toEqual([]);
    });

    it("another shop's owner cannot change shop A through the API (404, nothing written)", async () => {
      const res = await clients.otherOwner.request('/api/v1/shops/hk05', { method: 'PATCH', json: { name: 'Dibajak' } });
      expect(res.status).toBe(404);
      const mine = (await (await clients.owner.get('/api/v1/shops/hk05')).json()) as { shop: { name: string } };
      expect(mine.shop.name).toBe('HK05 Telur Asin Bakar');
    });
  });
  return { server: () => server, owner: () => clients.owner };
}
