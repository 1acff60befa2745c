import { describe, expect, it } from 'vitest';
import { DEFAULT_FUNDER_RETENTION_END, RECORD_TYPES, RETENTION, isRetentionDue, recordDueAt, retentionEnd, retentionSeconds } from '../../schemas/retention.js';
import { employerContactDueAt } from '../../functions/domain/erasure.js';

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

describe('when a record is due (recordDueAt) and when an employer contact is (functions/domain/erasure.ts)', () => {
  const base = { status: 'requested' as const, endDate: '2027-03-12' };

  it('makes a record due at the start of the day after its last day', () => {
    expect(recordDueAt('audit_entry', '2026-12-02T23:59:00.000Z')).toBe('2029-12-03T00:00:00.000Z');
    expect(recordDueAt('employer_contact', '2027-01-31')).toBe('2028-02-01T00:00:00.000Z');
    expect(recordDueAt('participant_withdrawn_before_start', '2026-08-31')).toBe('2027-03-01T00:00:00.000Z');
  });

  it('counts the employer contact from the day a placement ended, however it ended', () => {
    expect(employerContactDueAt({ ...base, status: 'declined', answer: { decision: 'decline', at: '2027-02-01T09:00:00.000Z' } }, '2027-02-01')).toEqual({ dueAt: '2028-02-02T00:00:00.000Z', ended: true });
    expect(employerContactDueAt({ ...base, status: 'expired', expiredAt: '2027-02-10T23:00:00.000Z' }, '2027-02-11').dueAt).toBe('2028-02-12T00:00:00.000Z');
    expect(employerContactDueAt({ ...base, status: 'cancelled', cancellation: { at: '2027-02-05T10:00:00.000Z', by: 'x', role: 'staff' } }, '2027-06-01').dueAt).toBe('2028-02-06T00:00:00.000Z');
    // Completed: the later of the last day and the feedback.
    expect(employerContactDueAt({ ...base, status: 'completed', feedback: { outcome: 'none', at: '2027-03-20T10:00:00.000Z', by: 'employer' } }, '2027-04-01').dueAt).toBe('2028-03-21T00:00:00.000Z');
    expect(employerContactDueAt({ ...base, status: 'completed', feedback: { outcome: 'none', at: '2027-03-01T10:00:00.000Z', by: 'employer' } }, '2027-04-01').dueAt).toBe('2028-03-13T00:00:00.000Z');
    // Confirmed: ended once its last day has passed.
    expect(employerContactDueAt({ ...base, status: 'confirmed' }, '2027-03-13')).toEqual({ dueAt: '2028-03-13T00:00:00.000Z', ended: true });
  });

  it('while a placement runs or waits, names the earliest it could be due, never a later time', () => {
    expect(employerContactDueAt({ ...base, status: 'confirmed' }, '2027-03-12')).toEqual({ dueAt: '2028-03-13T00:00:00.000Z', ended: false });
    expect(employerContactDueAt(base, '2027-01-10')).toEqual({ dueAt: '2028-01-11T00:00:00.000Z', ended: false });
    // A request cancelled the day it was made is due no earlier than the first look.
    const first = employerContactDueAt(base, '2027-01-10').dueAt;
    expect(employerContactDueAt({ ...base, status: 'cancelled', cancellation: { at: '2027-01-10T15:00:00.000Z', by: 'x', role: 'staff' } }, '2027-01-10').dueAt).toBe(first);
  });
});
