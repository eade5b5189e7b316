import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESERVED_SLUGS, slugify } from '#server/shops/slug.ts';
import { shopInput } from '#server/shops/schemas.ts';

describe('shop slugs', () => {
  it('reserves every top-level route under src/pages', () => {
    const pages = path.resolve(import.meta.dirname, '../../src/pages');
    const top = fs
      .readdirSync(pages)
      .map((f) => f.replace(/\.(astro|ts|js)$/, ''))
      .filter((f) => !f.startsWith('[') && f !== 'index');
    expect(top.length).toBeGreaterThan(5);
    for (const name of top) expect(RESERVED_SLUGS.has(name), `${name} must be reserved`).toBe(true);
  });

  it('rejects reserved and malformed slugs with message keys', () => {
    const base = { name: 'Toko', villageId: 'v', whatsapp: '0812-3456-7890' };
    for (const slug of ['dashboard', 'api', 'desa', 'kecamatan', 'masuk']) {
      const r = shopInput.safeParse({ ...base, slug });
      expect(r.success).toBe(false);
      expect(r.error!.issues[0]!.message).toBe('shop.slugReserved');
    }
    for (const slug of ['A', '-abc', 'abc-', 'a b', 'toko_saya', 'x'.repeat(41)]) {
      expect(shopInput.safeParse({ ...base, slug }).success).toBe(false);
    }
    expect(shopInput.safeParse({ ...base, slug: 'q' }).success).toBe(false);
    expect(shopInput.safeParse({ ...base, slug: 'HK05' }).data?.slug).toBe('hk05');
  });

  it('slugifies names', () => {
    expect(slugify('Kopi Borongloe!')).toBe('kopi-borongloe');
    expect(slugify('Roti Balang-Balang')).toBe('roti-balang-balang');
  });
});
