import { describe, expect, it } from 'vitest';
import { csvFields, kabupatenAreas, listKabupaten } from '#server/areas/official-areas.ts';

describe('official areas (idn-area-data)', () => {
  it('Kabupaten Gowa (73.06) has 18 kecamatan and 167 desa/kelurahan, as the office counts them', () => {
    const gowa = kabupatenAreas('73.06')!;
    expect(gowa.kabupaten).toMatchObject({ name: 'Kabupaten Gowa', provinceName: 'Sulawesi Selatan' });
    expect(gowa.kecamatan).toHaveLength(18);
    expect(gowa.kecamatan.reduce((n, k) => n + k.desa.length, 0)).toBe(167);
    const bontomarannu = gowa.kecamatan.find((k) => k.name === 'Bontomarannu')!;
    expect(bontomarannu.code).toBe('73.06.06');
    expect(bontomarannu.desa).toContainEqual({ code: '73.06.06.1012', name: 'Romang Lompoa' });
    // The demo's local name is not an official desa anywhere in Gowa.
    expect(gowa.kecamatan.flatMap((k) => k.desa).some((d) => /balang-balang/i.test(d.name))).toBe(false);
    expect(kabupatenAreas('99.99')).toBeUndefined();
  });

  it('lists all 514 kabupaten/kota and reads quoted CSV names', () => {
    expect(listKabupaten()).toHaveLength(514);
    expect(csvFields('35.29.22,35.29,"Ra""as"')).toEqual(['35.29.22', '35.29', 'Ra"as']);
    expect(csvFields('12.07.28.1007,12.07.28,"Lubuk Pakam I,II"')).toEqual(['12.07.28.1007', '12.07.28', 'Lubuk Pakam I,II']);
    expect(csvFields('73.06,73,Kabupaten Gowa')).toEqual(['73.06', '73', 'Kabupaten Gowa']);
  });
});
