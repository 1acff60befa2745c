import { describe, expect, it } from 'vitest';
import { periodFromQuery, periodOf, periodText, quarterBuckets, queryOfPeriod } from '../../web/console/app/periods.js';

/** The figures page's periods and the quarters of its chart (web/console/app/periods.ts). */

const TODAY = '2027-05-14';

describe('periods of entry days', () => {
  it('the presets, as of today', () => {
    expect(periodOf('all', TODAY)).toEqual({ preset: 'all' });
    expect(periodOf('year', TODAY)).toEqual({ preset: 'year', from: '2027-01-01', to: TODAY });
    expect(periodOf('quarter', TODAY)).toEqual({ preset: 'quarter', from: '2027-04-01', to: TODAY });
    expect(periodOf('last-quarter', TODAY)).toEqual({ preset: 'last-quarter', from: '2027-01-01', to: '2027-03-31' });
    expect(periodOf('last-quarter', '2027-02-01')).toEqual({ preset: 'last-quarter', from: '2026-10-01', to: '2026-12-31' });
    expect(periodOf('last-year', TODAY)).toEqual({ preset: 'last-year', from: '2026-01-01', to: '2026-12-31' });
  });

  it('reads and writes the address: presets by name, dates as given, since the project began by default', () => {
    const q = (s: string) => periodFromQuery(new URLSearchParams(s), TODAY);
    expect(q('')).toEqual({ preset: 'all' });
    expect(q('period=nonsense')).toEqual({ preset: 'all' });
    expect(q('period=last-quarter')).toEqual(periodOf('last-quarter', TODAY));
    expect(q('from=2026-03-01&to=2026-04-30')).toEqual({ preset: 'custom', from: '2026-03-01', to: '2026-04-30' });
    expect(q('from=2026-03-01&to=bad')).toEqual({ preset: 'custom', from: '2026-03-01' });
    expect(queryOfPeriod(periodOf('year', TODAY))).toEqual({ period: 'year' });
    expect(queryOfPeriod({ preset: 'all' })).toEqual({ period: undefined });
    expect(queryOfPeriod({ preset: 'custom', from: '2026-03-01' })).toEqual({ from: '2026-03-01', to: undefined });
    expect(periodText({ preset: 'all' })).toBe('Eintritte seit Projektbeginn');
    expect(periodText({ preset: 'custom', from: '2026-03-01', to: '2026-04-30' })).toBe('Eintritte 01.03.2026 – 30.04.2026');
  });
});

describe('the quarters of the chart', () => {
  it('a period within a year: its quarters, cut to the period, nothing earlier', () => {
    expect(quarterBuckets({ from: '2027-02-10', to: TODAY }, TODAY)).toEqual([
      { label: '1. Quartal 2027', short: 'Q1 2027', from: '2027-02-10', to: '2027-03-31' },
      { label: '2. Quartal 2027', short: 'Q2 2027', from: '2027-04-01', to: TODAY },
    ]);
  });

  it('since the project began: the last eight quarters and one bucket for everything before, so they add up to the period', () => {
    const b = quarterBuckets({}, TODAY);
    expect(b).toHaveLength(9);
    expect(b[0]).toEqual({ label: 'vor dem 3. Quartal 2025', short: 'früher', to: '2025-06-30' });
    expect(b[1]).toMatchObject({ short: 'Q3 2025', from: '2025-07-01', to: '2025-09-30' });
    expect(b.at(-1)).toEqual({ label: '2. Quartal 2027', short: 'Q2 2027', from: '2027-04-01', to: TODAY });
    // Contiguous: each bucket starts the day after the one before ends.
    for (let i = 1; i < b.length; i++) {
      const next = new Date(`${b[i - 1]!.to}T12:00:00Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      expect(b[i]!.from).toBe(next.toISOString().slice(0, 10));
    }
  });

  it('a long period: the earlier bucket starts at the period', () => {
    const b = quarterBuckets({ from: '2023-01-01', to: '2026-12-31' }, TODAY, 4);
    expect(b.map((x) => x.short)).toEqual(['früher', 'Q1 2026', 'Q2 2026', 'Q3 2026', 'Q4 2026']);
    expect(b[0]).toMatchObject({ from: '2023-01-01', to: '2025-12-31' });
  });

  it('a period that ends before it starts has none', () => {
    expect(quarterBuckets({ from: '2027-05-01', to: '2027-04-01' }, TODAY)).toEqual([]);
  });
});
