import { describe, expect, it } from 'vitest';
import { pageOf } from '#server/program/get-indicators-page.ts';
import { groupByDistrict } from '#server/program/get-program-page.ts';

describe("the program office's long lists", () => {
  it('page through 1,000 shops 100 at a time, a bad or out-of-range page clamped', () => {
    expect(pageOf(null, 1000, 100)).toEqual({ page: 1, pages: 10, total: 1000, from: 0, to: 100 });
    expect(pageOf('10', 1000, 100)).toEqual({ page: 10, pages: 10, total: 1000, from: 900, to: 1000 });
    expect(pageOf('11', 1001, 100)).toEqual({ page: 11, pages: 11, total: 1001, from: 1000, to: 1001 });
    expect(pageOf('99', 1000, 100).page).toBe(10);
    expect(pageOf('0', 1000, 100).page).toBe(1);
    expect(pageOf('-3', 1000, 100).page).toBe(1);
    expect(pageOf('abc', 1000, 100).page).toBe(1);
    expect(pageOf(null, 0, 100)).toEqual({ page: 1, pages: 1, total: 0, from: 0, to: 0 });
  });

  it('group villages by kecamatan: kecamatan with shops first, villages without shops apart', () => {
    const v = (id: string, name: string, district_name: string, shops: number) => ({ id, name, district_name, shops });
    const groups = groupByDistrict([
      v('1', 'Tamalayang', 'Bontonompo', 0),
      v('2', 'Borongloe', 'Bontomarannu', 2),
      v('3', 'Bili-Bili', 'Parangloe', 0),
      v('4', 'Romang Lompoa', 'Bontomarannu', 1),
      v('5', 'Bontomanai', 'Bontomarannu', 0),
      v('6', 'Kalebarembeng', 'Bontonompo', 4),
    ]);
    expect(groups.map((g) => [g.name, g.shops, g.villageCount])).toEqual([
      ['Bontomarannu', 3, 3],
      ['Bontonompo', 4, 2],
      ['Parangloe', 0, 1],
    ]);
    expect(groups[0]!.villages.map((x) => x.name)).toEqual(['Borongloe', 'Romang Lompoa']);
    expect(groups[0]!.empty).toEqual(['Bontomanai']);
    expect(groups[2]!.villages).toEqual([]);
    expect(groups[2]!.empty).toEqual(['Bili-Bili']);
  });
});
