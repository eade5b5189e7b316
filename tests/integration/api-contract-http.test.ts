import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import { t } from '#i18n/index.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

type Op = {
  parameters: { name: string; in: string; schema: unknown }[];
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
};

describe(`typed API contract (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('the OpenAPI document carries a schema for every success answer and every query parameter', async () => {
    const doc = (await (await new Client(server.url).get('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, Op>> };
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([m, op]) => [`${m} ${path}`, op] as const),
    );
    expect(ops.length).toBeGreaterThanOrEqual(40);
    for (const [name, op] of ops) {
      const [status, success] = Object.entries(op.responses).find(([s]) => s.startsWith('2'))!;
      if (status !== '204') expect(Object.values(success.content ?? {})[0]?.schema, `${name} ${status}`).toBeTruthy();
    }
    const listOrders = doc.paths['/api/v1/shops/{shop}/orders']!.get!;
    const statusParam = listOrders.parameters.find((p) => p.in === 'query' && p.name === 'status');
    expect(statusParam?.schema).toMatchObject({ enum: ['pending', 'confirmed', 'paid', 'fulfilled', 'cancelled', 'expired'] });
  });

  it("a bad query value is 400 with field messages in the caller's language; an empty one counts as absent", async () => {
    for (const lang of ['id', 'en'] as const) {
      const owner = new Client(server.url, { lang });
      await owner.signIn('pemilik@hk05.test', DEMO_PASSWORD);
      const bad = await owner.get('/api/v1/shops/hk05/orders?status=lunas&before=kemarin');
      expect(bad.status).toBe(400);
      const body = (await bad.json()) as { error: { fields: Record<string, string[]> } };
      expect(body.error.fields).toEqual({ status: [t(lang, 'validation.choice')], before: [t(lang, 'validation.invalid')] });
      expect((await owner.get('/api/v1/shops/hk05/orders?status=&before=')).status).toBe(200);
    }
  });
});
