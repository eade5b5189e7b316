import { describe, expect, it } from 'vitest';
import { formatPhone, normalizeIndonesianPhone, whatsappLink } from '#server/shops/phone.ts';

describe('normalizeIndonesianPhone', () => {
  const valid: [string, string][] = [
    ['0812-3456-7890', '+6281234567890'],
    ['081234567890', '+6281234567890'],
    ['62812 3456 7890', '+6281234567890'],
    ['+62 812 3456 7890', '+6281234567890'],
    ['+62-812-3456-7890', '+6281234567890'],
    ['(0812) 3456.7890', '+6281234567890'],
    ['  0812 3456 7890  ', '+6281234567890'],
    ['0852 9900 1122', '+6285299001122'],
    ['08123456789', '+628123456789'],
    ['0812345678', '+62812345678'],
    ['0812345678901', '+62812345678901'],
    ['0411 123456', '+62411123456'],
    ['+62 411 8765432', '+624118765432'],
  ];
  it.each(valid)('%s -> %s', (input, expected) => {
    expect(normalizeIndonesianPhone(input)).toBe(expected);
  });

  const invalid = [
    '',
    'abc',
    '0812-abcd-7890',
    '+1 415 555 0100',
    '+6281',
    '12345',
    '0812345',
    '08123456789012',
    '+62 0812 3456 7890',
    '00812345678',
    '62',
    '+',
    '0812 3456 7890 ext 2',
    '1812345678',
    '+62 112345678',
  ];
  it.each(invalid)('rejects %j', (input) => {
    expect(normalizeIndonesianPhone(input)).toBeNull();
  });

  it('builds wa.me links from digits only', () => {
    expect(whatsappLink('+6281234567890')).toBe('https://wa.me/6281234567890');
    expect(whatsappLink('+6281234567890', 'Halo & #1 50%')).toBe('https://wa.me/6281234567890?text=Halo%20%26%20%231%2050%25');
    expect(formatPhone('+6281234567890')).toBe('+62 812-3456-7890');
  });
});
