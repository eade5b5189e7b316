import { describe, expect, it } from 'vitest';
import { eventLabel, orderWhatsappText, type OrderMessageData } from '#server/orders/order-message.ts';
import { whatsappLink } from '#server/shops/phone.ts';
import { CODE_ALPHABET, newOrderCode, normalizeOrderCode } from '#server/orders/order-code.ts';
import { destinationGroups, findDestination, legacyDestinationCodes } from '#server/orders/destinations.ts';
import { availableMethods, deliveryOptions } from '#server/orders/delivery-options.ts';
import { idempotencyKeyHash, openToken, sealToken } from '#server/orders/token-box.ts';
import { newToken } from '#server/util.ts';

const base: OrderMessageData = {
  shopName: 'HK05 Telur Asin Bakar',
  locale: 'id',
  code: 'HK05-7Q3K',
  customerName: 'Daeng <b>Ngai</b>',
  lines: [
    { name: 'Telur & Garam #1 100% 🥚', variantName: null, quantity: 2, unitPrice: 35000, lineTotal: 70000 },
    { name: 'Kopi\nBubuk  "Spesial"', variantName: 'Pedas/Manis?', quantity: 1, unitPrice: 19000, lineTotal: 19000 },
  ],
  subtotal: 89000,
  delivery: 'local',
  deliveryFee: 10000,
  destination: '7306',
  address: 'Jl. Poros Malino No. 5\r\nRT 02 / RW 01',
  notes: 'Tolong dibungkus rapi & cepat ya 🙏\n#segera',
  total: 99000,
  payment: 'transfer',
  statusUrl: 'https://etalase.example/hk05/pesanan/HK05-7Q3K/abcdefghijklmnopqrstuvwxyz234567',
};

function decodedText(url: string): string {
  const u = new URL(url);
  expect(u.origin + u.pathname).toBe('https://wa.me/6281243210005');
  // What WhatsApp reads: the query parameter decoded once.
  return u.searchParams.get('text')!;
}

describe('WhatsApp order message', () => {
  it('the wa.me URL decodes to exactly the expected message (& # % emoji, line breaks, markup as text)', () => {
    const url = whatsappLink('+6281243210005', orderWhatsappText(base));
    expect(url.split('?text=')[1]).not.toMatch(/[&#\s]/); // nothing that would cut or split the parameter
    expect(decodedText(url)).toBe(
      [
        'Halo HK05 Telur Asin Bakar, saya mau pesan:',
        '',
        '1. Telur & Garam #1 100% 🥚 × 2 @ Rp 35.000 = Rp 70.000',
        '2. Kopi Bubuk "Spesial" (Pedas/Manis?) × 1 @ Rp 19.000 = Rp 19.000',
        '',
        'Subtotal: Rp 89.000',
        'Cara terima: Diantar penjual (sekitar toko)',
        'Ongkos antar: Rp 10.000',
        'Tujuan: Kabupaten Gowa',
        'Alamat: Jl. Poros Malino No. 5\n    RT 02 / RW 01',
        'Catatan: Tolong dibungkus rapi & cepat ya 🙏\n    #segera',
        'Total: Rp 99.000',
        'Pembayaran: Transfer bank / QRIS',
        '',
        'Kode pesanan: HK05-7Q3K',
        'Nama: Daeng <b>Ngai</b>',
        'Status pesanan: https://etalase.example/hk05/pesanan/HK05-7Q3K/abcdefghijklmnopqrstuvwxyz234567',
      ].join('\n'),
    );
  });

  it("is written in the shop's language, courier fee left to the chat, placeholders in names stay text", () => {
    const text = orderWhatsappText({
      ...base,
      locale: 'en',
      delivery: 'courier',
      deliveryFee: 0,
      destination: 'lainnya',
      address: '',
      notes: '',
      payment: 'whatsapp',
      lines: [{ name: 'Gift {qty} box', variantName: null, quantity: 3, unitPrice: 1000, lineTotal: 3000 }],
      subtotal: 3000,
      total: 3000,
    });
    expect(text).toBe(
      [
        'Hello HK05 Telur Asin Bakar, I would like to order:',
        '',
        '1. Gift {qty} box × 3 @ Rp 1.000 = Rp 3.000',
        '',
        'Subtotal: Rp 3.000',
        'Delivery: Shipped by courier',
        'Shipping fee: please let me know',
        'Destination: Elsewhere',
        'Total: Rp 3.000',
        'Payment: As agreed on WhatsApp / cash on delivery',
        '',
        'Order code: HK05-7Q3K',
        'Name: Daeng <b>Ngai</b>',
        `Order status: ${base.statusUrl}`,
      ].join('\n'),
    );
  });
});

describe('order event labels', () => {
  it('translates known event types and shows new ones as themselves', () => {
    expect(eventLabel('id', 'placed')).toBe('Pesanan dibuat');
    expect(eventLabel('en', 'receipt_uploaded')).toBe('Transfer receipt uploaded');
    expect(eventLabel('id', 'payment_processing')).toBe('Pembayaran kartu sedang diproses');
    expect(eventLabel('id', 'something_new')).toBe('something_new');
  });
});

describe('order codes, destinations, delivery options, token box', () => {
  it('codes are the upper-cased slug and 4 unambiguous characters', () => {
    const codes = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const c = newOrderCode('hk05');
      expect(c).toMatch(/^HK05-[2-9A-HJKMNP-Z]{4}$/);
      expect(normalizeOrderCode(c.toLowerCase())).toBe(c);
      codes.add(c);
    }
    expect(codes.size).toBeGreaterThan(480); // 31^4 ≈ 923k possibilities
    expect(CODE_ALPHABET).not.toMatch(/[01ILO]/);
    expect(newOrderCode('roti-balang')).toMatch(/^ROTI-BALANG-[2-9A-HJKMNP-Z]{4}$/);
    expect(normalizeOrderCode('HK05-7Q3O')).toBeNull();
    expect(normalizeOrderCode('../etc')).toBeNull();
  });

  it('offers every kabupaten/kota of Indonesia by Kemendagri code (home province first), and the old codes still resolve', () => {
    const groups = destinationGroups();
    const all = groups.flatMap((g) => g.items);
    expect(all).toHaveLength(514);
    expect(new Set(all.map((d) => d.code)).size).toBe(514);
    expect(groups[0]!.provinceName).toBe('Sulawesi Selatan');
    expect(groups[0]!.items).toHaveLength(24);
    expect(findDestination('73.06')?.name).toBe('Kabupaten Gowa');
    // Codes of orders placed with the hand-kept list: BPS numbers (which differ from Kemendagri's inside Sulsel).
    expect(findDestination('7306')?.code).toBe('73.06');
    expect(findDestination('7371')?.name).toBe('Kota Makassar');
    expect(findDestination('7311')).toMatchObject({ name: 'Kabupaten Bone', kabupatenCode: '73.08' });
    expect(findDestination('x-wamena')?.name).toBe('Kabupaten Jayawijaya');
    expect(findDestination('31')).toMatchObject({ name: 'DKI Jakarta', kabupatenCode: null });
    for (const old of legacyDestinationCodes()) expect(findDestination(old), old).toBeDefined();
    expect(findDestination('lainnya')).toBeDefined();
    expect(findDestination('9999')).toBeUndefined();
  });

  it('reads delivery options from the profile JSON, with pickup + courier as the default', () => {
    expect(availableMethods(deliveryOptions('{}'))).toEqual(['pickup', 'courier']);
    expect(availableMethods(deliveryOptions('not json'))).toEqual(['pickup', 'courier']);
    const o = deliveryOptions(JSON.stringify({ delivery: { pickup: false, local: { enabled: true, fee: 10000 }, courier: false } }));
    expect(availableMethods(o)).toEqual(['local']);
    expect(o.local.fee).toBe(10000);
    expect(availableMethods(deliveryOptions(JSON.stringify({ delivery: { pickup: false, courier: false } })))).toEqual(['pickup']);
    expect(availableMethods(deliveryOptions(JSON.stringify({ delivery: { local: { enabled: true, fee: -5 } } })))).toEqual([
      'pickup',
      'courier',
    ]);
  });

  it('seals the status token so that only the idempotency key opens it', () => {
    const token = newToken();
    expect(token).toMatch(/^[a-z2-7]{32}$/); // 32 base32 characters = 160 bits
    const box = sealToken(token, 'key-aaaaaaaa');
    expect(box).not.toBe(token);
    expect(openToken(box, 'key-aaaaaaaa')).toBe(token);
    expect(openToken(box, 'key-bbbbbbbb')).not.toBe(token);
    expect(idempotencyKeyHash('key-aaaaaaaa')).toMatch(/^[0-9a-f]{64}$/);
  });
});
