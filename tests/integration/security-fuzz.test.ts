import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { shopFixture, type ShopFixture } from '../helpers/security-fixture.ts';
import { rowCounts, shopDigest } from '../helpers/db-digest.ts';
import { fillRoute } from '../helpers/routes.ts';
import { count, full } from '../helpers/full.ts';
import { anyJson, jsonSchemaOf, validArb, wrongArb } from '../helpers/schema-arbitrary.ts';
import type { Client } from '../helpers/http.ts';
import { ROUTES } from '#server/http/routes.ts';
import type { RouteDef } from '#server/http/api.ts';
import { safeParseInput } from '#server/http/validate.ts';

/**
 * Issue 14: every API operation that takes a JSON body, fed generated bodies (fast-check, fixed seed):
 * values shaped like its zod schema, the same with one spot broken, and arbitrary JSON. Shop operations are
 * called as shop A's owner, program operations as the program officer. Never a 5xx; every error answer is
 * JSON with a message and no stack or SQL; a body the schema refuses is a 4xx and writes nothing (every
 * table's row count and shop A's rows, compared after each operation's refused bodies).
 * `npm test`: CASES bodies per operation; `npm run test:full`: 10,000.
 */
// 15 seeded bodies per operation keep CI in budget (the database check after each body is most of the cost).
const CASES = count(15, 10_000);
const dbName = process.env.DATABASE_URL ? 'postgres' : 'sqlite';
let server: TestServer;
let fx: ShopFixture;
let programId: string;
let ip = 0;
const nextIp = () => `100.64.${Math.floor(ip / 250) % 250}.${(ip++ % 250) + 1}`;

beforeAll(async () => {
  server = await startServer({ env: { TRUST_PROXY: '1' } });
  fx = await shopFixture(server);
  programId = /name="programId" value="([a-z0-9]+)"/.exec(await (await fx.officer.get('/program')).text())?.[1] ?? 'none';
}, 900_000);
afterAll(async () => {
  await fx?.close();
  await server?.stop();
});

type Op = [string, RouteDef];
// Signing in and up are fuzzed like any other body; they only ever act on the bodies' own made-up accounts.
const bodyOps = (Object.entries(ROUTES) as Op[]).filter(([, d]) => d.body && d.method !== 'get');
const ignored = ['sessions', 'rate_limits', 'audit_log'];
const LEAK =
  /\bat [\w.<>]+ \(|\.ts:\d+|node_modules|\bselect\b.+\bfrom\b|\binsert into\b|sqlite|SQLSTATE|syntax error|constraint failed|violates/i;

function arbitraryBody(def: RouteDef): fc.Arbitrary<unknown> {
  const schema = jsonSchemaOf(def.body!);
  return fc.oneof(
    { weight: 2, arbitrary: validArb(schema) },
    { weight: 3, arbitrary: wrongArb(schema) },
    { weight: 1, arbitrary: anyJson() },
  );
}

function clientFor(def: RouteDef): Client {
  return def.access.kind === 'program' ? fx.officer : fx.ownerA;
}

describe(`fuzzing every API body (${dbName}, ${CASES} cases per operation${full() ? ', full run' : ''})`, () => {
  it('the route table has bodies to fuzz', () => {
    expect(bodyOps.length).toBeGreaterThanOrEqual(40);
  });

  for (const [name, def] of bodyOps) {
    it(
      `${name}: ${def.method.toUpperCase()} ${def.path}`,
      async () => {
        const samples = {
          shop: 'hk05',
          ...fx.idsA,
          programId,
          shopId: fx.shopA,
          licenceId: 'nolicence',
          trainingId: 'none',
          surveyId: 'none',
        };
        const url = fillRoute(def.path, samples);
        const bodies = fc.sample(arbitraryBody(def), { seed: 1400 + name.length, numRuns: CASES });
        const failures: string[] = [];
        let counts = await rowCounts(ignored);
        let digest = await shopDigest(fx.shopA, ignored);
        const changedSince = async () => {
          const [c, d] = [await rowCounts(ignored), await shopDigest(fx.shopA, ignored)];
          return [...new Set([...Object.keys(c).filter((t) => c[t] !== counts[t]), ...Object.keys(d).filter((t) => d[t] !== digest[t])])];
        };
        const rebase = async () => {
          counts = await rowCounts(ignored);
          digest = await shopDigest(fx.shopA, ignored);
        };
        const send = async (body: unknown) => {
          const res = await clientFor(def).request(url, {
            method: def.method.toUpperCase(),
            json: body,
            headers: { 'x-forwarded-for': nextIp() },
          });
          const text = await res.text();
          const shown = JSON.stringify(body).slice(0, 200);
          if (res.status >= 500) failures.push(`${res.status} for ${shown}: ${text.slice(0, 300)}`);
          if (res.status >= 400) {
            let message: unknown;
            try {
              message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
            } catch {
              message = undefined;
            }
            if (typeof message !== 'string' || !message)
              failures.push(`${res.status} without a JSON error message for ${shown}: ${text.slice(0, 200)}`);
            if (LEAK.test(text)) failures.push(`${res.status} leaks internals for ${shown}: ${text.slice(0, 300)}`);
          }
          return { status: res.status, text, shown };
        };
        // Bodies the schema refuses (as the server sees them: NULs dropped), all in a row: each must be a 4xx, and together they write nothing.
        const accepts = (b: unknown) => safeParseInput(def.body!, b).success;
        const refused = bodies.filter((b) => !accepts(b));
        for (const body of refused) {
          const r = await send(body);
          if (r.status < 400) failures.push(`${r.status} accepted a body the schema refuses: ${r.shown}`);
          if (failures.length > 20) break;
        }
        const changed = await changedSince();
        if (changed.length) failures.push(`${refused.length} bodies the schema refuses changed ${changed.join(', ')}`);
        // Bodies the schema accepts, one at a time: the domain may still refuse one, and then it writes nothing either.
        for (const body of bodies.filter(accepts)) {
          await rebase();
          const r = await send(body);
          if (r.status >= 400) {
            const wrote = await changedSince();
            if (wrote.length) failures.push(`${r.status} for ${r.shown} still changed ${wrote.join(', ')}`);
          } else if (name === 'updateShop') {
            // The shop's own address is editable: keep hk05 for the next bodies.
            const slug = (JSON.parse(r.text) as { shop?: { slug?: string } }).shop?.slug;
            if (slug && slug !== 'hk05') await fx.ownerA.request(`/api/v1/shops/${slug}`, { method: 'PATCH', json: { slug: 'hk05' } });
          }
          if (failures.length > 20) break;
        }
        expect(failures).toEqual([]);
      },
      full() ? 24 * 3600_000 : 600_000,
    );
  }
});
