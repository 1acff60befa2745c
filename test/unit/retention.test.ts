import { describe, expect, it } from 'vitest';
import { DEFAULT_FUNDER_RETENTION_END, RECORD_TYPES, RETENTION, isRetentionDue, retentionEnd, retentionSeconds } from '../../schemas/retention.js';

describe('retention per record type (schemas/retention.ts)', () => {
  it('has one rule with a reason for every record type', () => {
    expect(Object.keys(RETENTION).sort()).toEqual([...RECORD_TYPES].sort());
    for (const type of RECORD_TYPES) expect(RETENTION[type].why.length).toBeGreaterThan(20);
  });

  it('counts days and months from the start day (month ends clamp: 31 Aug + 6 months = 28 Feb)', () => {
    expect(retentionEnd('submission_unprocessed', '2026-12-01')).toBe('2027-01-05');
    expect(retentionEnd('participant_withdrawn_before_start', '2026-08-31')).toBe('2027-02-28');
    expect(retentionEnd('participant_withdrawn_before_start', '2027-08-31')).toBe('2028-02-29');
    expect(retentionEnd('audit_entry', '2026-12-02T10:00:00.000Z')).toBe('2029-12-02');
  });

  it('keeps participants after exit until the configured end of the funder retention duty', () => {
    expect(retentionEnd('participant_after_exit', '2027-05-01')).toBe(DEFAULT_FUNDER_RETENTION_END);
    expect(retentionEnd('participant_after_exit', '2027-05-01', '2035-12-31')).toBe('2035-12-31');
    expect(isRetentionDue('participant_after_exit', '2027-05-01', '2035-12-31', '2035-12-31')).toBe(false);
    expect(isRetentionDue('participant_after_exit', '2027-05-01', '2036-01-01', '2035-12-31')).toBe(true);
  });

  it('is due only the day after the last day', () => {
    expect(isRetentionDue('employer_contact', '2027-03-15', '2028-03-15')).toBe(false);
    expect(isRetentionDue('employer_contact', '2027-03-15', '2028-03-16')).toBe(true);
  });

  it('gives the TTL backstop in seconds for day periods, and refuses it for the others', () => {
    expect(retentionSeconds('submission_unprocessed')).toBe(35 * 86400);
    expect(retentionSeconds('employer_link')).toBe(90 * 86400);
    expect(() => retentionSeconds('participant_after_exit')).toThrow(/not a period of days/);
  });
});
