import { describe, expect, it } from 'vitest';
import { parseCount, parseRupiah } from '#server/catalog/money.ts';
import { productInput, productPatchInput } from '#server/catalog/schemas.ts';
import { parseInput } from '#server/http/validate.ts';
import { Invalid } from '#server/errors.ts';

describe('Rupiah as typed on a phone', () => {
  it('reads whole Rupiah with or without Rp, dots and spaces', () => {
    for (const s of [
      '25000',
      '25.000',
      'Rp 25.000',
      'Rp25.000',
      'rp 25.000',
      'Rp. 25.000',
      'IDR 25.000',
      ' 25 000 ',
      '25\u00a0000',
      'Rp\u00a025.000',
    ]) {
      expect(parseRupiah(s), s).toBe(25000);
    }
    expect(parseRupiah('1.250.000')).toBe(1_250_000);
    expect(parseRupiah('0')).toBe(0);
    expect(parseRupiah(35000)).toBe(35000);
  });

  it('refuses decimals, other separators, words and negatives with a reason', () => {
    for (const s of ['25,000', '25.000,00', '2.50', '25.5', '1.0000', '25k', 'dua puluh', 'Rp', '1e5', '0x10', '25.000,-', '']) {
      expect(parseRupiah(s), s).toBe('format');
    }
    expect(parseRupiah(25000.5)).toBe('format');
    expect(parseRupiah(Number.NaN)).toBe('format');
    expect(parseRupiah(-1)).toBe('negative');
    expect(parseRupiah('-5.000')).toBe('negative');
    expect(parseRupiah('Rp -5.000')).toBe('negative');
    expect(parseRupiah('1.000.000.001')).toBe('tooBig');
    expect(parseRupiah('99999999999999999999')).toBe('tooBig');
    expect(parseRupiah(null)).toBe('format');
  });

  it('reads stock counts', () => {
    expect(parseCount('12')).toBe(12);
    expect(parseCount('1.000')).toBe(1000);
    expect(parseCount(-1)).toBe('negative');
    expect(parseCount('-3')).toBe('negative');
    expect(parseCount('2,5')).toBe('format');
    expect(parseCount(2.5)).toBe('format');
  });
});

describe('product input', () => {
  const fields = (data: unknown, locale: 'id' | 'en' = 'id') => {
    try {
      parseInput(productInput, data, locale);
    } catch (e) {
      if (e instanceof Invalid) return e.fields;
      throw e;
    }
    return {};
  };

  it("parses typed prices and explains bad ones in the user's language", () => {
    const ok = parseInput(productInput, { name: 'Telur', price: 'Rp 25.000', compareAtPrice: '', stock: null, variants: [] }, 'id');
    expect(ok.price).toBe(25000);
    expect(ok.compareAtPrice).toBeNull();
    expect(fields({ name: 'Telur', price: '25,000' }).price).toEqual([
      'Tulis angka Rupiah tanpa desimal, mis. 25000, 25.000 atau Rp 25.000.',
    ]);
    expect(fields({ name: 'Telur', price: '25,000' }, 'en').price).toEqual([
      'Write whole Rupiah without decimals, e.g. 25000, 25.000 or Rp 25.000.',
    ]);
    expect(fields({ name: 'Telur', price: -5 }).price).toEqual(['Harga tidak boleh negatif.']);
    expect(fields({ name: 'Telur', price: '' }).price).toEqual(['Isi harga dalam Rupiah, mis. 25.000.']);
    expect(fields({ name: 'Telur' }).price).toBeDefined();
    expect(fields({ name: 'Telur', price: 1000, stock: -1 }).stock).toEqual(['Stok tidak boleh kurang dari 0.']);
    expect(fields({ name: 'Telur', price: 1000, stock: '' }).stock).toEqual(['Isi jumlah stok, atau centang "Tidak terbatas".']);
    expect(fields({ name: 'Telur', price: 1000, slug: 'Bukan Slug!' }).slug).toBeDefined();
    expect(fields({ name: 'Telur', price: 1000, status: 'hidden' }).status).toBeDefined();
    expect(fields({ name: 'Telur', price: 1000, variants: [{ name: '', price: 'x' }] })).toMatchObject({
      'variants.0.name': ['Isi nama varian.'],
      'variants.0.price': [expect.stringContaining('Rupiah')],
    });
  });

  it('PATCH leaves absent fields absent (no defaults sneak in)', () => {
    expect(productPatchInput.parse({ name: 'Baru' })).toEqual({ name: 'Baru' });
    expect(productPatchInput.parse({ stock: null })).toEqual({ stock: null });
    expect(productPatchInput.parse({ compareAtPrice: null, sku: '' })).toEqual({ compareAtPrice: null, sku: null });
  });
});
