import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';

/**
 * No fake facts on a printed label: the print PDF and the sticker sheet of a label whose product lacks mandatory
 * facts are refused (422, the missing facts listed in the caller's language) and nothing is audited as exported;
 * once the facts are saved the same label exports. A PNG preview stays available (it shows red placeholders).
 */
let server: TestServer;
let hk: Client;
let en: Client;
beforeAll(async () => {
  server = await startServer();
  hk = new Client(server.url);
  en = new Client(server.url, { lang: 'en' });
  await hk.signIn('pemilik@hk05.test', DEMO_PASSWORD);
  await en.signIn('pemilik@hk05.test', DEMO_PASSWORD);
}, 900_000);
afterAll(async () => {
  await server?.stop();
});

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string[]> } };

describe('a label with missing facts', () => {
  it('refuses the print PDF and sticker sheet until the facts are filled in, then exports', async () => {
    const list = (await (await hk.get('/api/v1/shops/hk05/label-facts')).json()) as {
      products: { productId: string; name: string; missing: string[] }[];
    };
    const bare = list.products.find((p) => p.missing.length > 0 && p.missing.length < 9);
    expect(bare, 'a seeded product without complete label facts').toBeDefined();
    const created = await hk.request('/api/v1/shops/hk05/designs', {
      method: 'POST',
      json: { kind: 'label', name: 'Label belum lengkap', templateId: 'telur-asin', productId: bare!.productId },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const url = (format: string) => `/api/v1/shops/hk05/designs/${id}/export?format=${format}`;

    for (const format of ['pdf', 'sheet']) {
      const r = await hk.get(url(format));
      expect(r.status, format).toBe(422);
      const body = (await r.json()) as ErrorBody;
      expect(body.error.code).toBe('label_not_ready');
      expect(body.error.message).toMatch(/^Label belum bisa dicetak: \d+ fakta wajib belum diisi\.$/);
      expect(body.error.fields!.facts).toContain('Komposisi');
      expect(body.error.fields!.facts).toContain('Nomor P-IRT atau BPOM MD');
    }
    const inEnglish = (await (await en.get(url('pdf'))).json()) as ErrorBody;
    expect(inEnglish.error.fields!.facts).toContain('Ingredients');
    expect(inEnglish.error.message).toMatch(/^This label cannot be printed yet/);
    // The preview still renders: the placeholders are what the merchant needs to see.
    const png = await hk.get(url('png'));
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');

    const saved = await hk.request(`/api/v1/shops/hk05/label-facts/${bare!.productId}`, {
      method: 'PUT',
      json: {
        netWeight: '200 g',
        composition: 'cabai, telur asin, bawang merah, minyak',
        producerName: 'HK05 Telur Asin Bakar',
        producerAddress: 'Dusun Romang Lompoa, Gowa',
        registrationKind: 'pirt',
        registrationNumber: '2067371010124-29',
        productionCode: 'SB0126',
        expiryDate: '2027-03-31',
      },
    });
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as { missing: string[] }).missing).toEqual([]);
    for (const format of ['pdf', 'sheet']) {
      const r = await hk.get(url(format));
      expect(r.status, format).toBe(200);
      expect(
        Buffer.from(await r.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
    }
  });
});
