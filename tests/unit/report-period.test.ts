import { describe, expect, it } from 'vitest';
import { previousPeriod } from '#server/ledger/report-period.ts';

describe('the previous period growth compares with', () => {
  it('is the whole month before a whole month, whatever their lengths', () => {
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod({ from: '2026-11-01', to: '2026-11-30' })).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-01-31' })).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });

  it('is as many whole months before a run of whole months (a quarter, a year)', () => {
    expect(previousPeriod({ from: '2026-04-01', to: '2026-06-30' })).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-12-31' })).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  });

  it('is the same days of the month before for a month so far, cut at that month end', () => {
    expect(previousPeriod({ from: '2026-12-01', to: '2026-12-02' })).toEqual({ from: '2026-11-01', to: '2026-11-02' });
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-30' })).toEqual({ from: '2026-02-01', to: '2026-02-28' });
  });

  it('is the days of the same length just before any other period', () => {
    expect(previousPeriod({ from: '2026-03-10', to: '2026-03-16' })).toEqual({ from: '2026-03-03', to: '2026-03-09' });
    expect(previousPeriod({ from: '2026-02-15', to: '2026-03-14' })).toEqual({ from: '2026-01-18', to: '2026-02-14' });
  });
});
