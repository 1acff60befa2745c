import { dueForErasure } from '../data/erasure.js';
import { anonymiseEmployerContact, deleteExpired, lookAgainAt, placementOf, recordsDue, type DueRecord } from '../data/record-retention.js';
import { employerContactDueAt } from '../domain/erasure.js';
import { berlinDate } from '../domain/working-days.js';
import { logger } from '../lib/logger.js';
import { erasePerson } from './erasure.js';
import { randomUUID } from 'node:crypto';

/** People erased per step: one page of the due partition, well inside a Lambda's time. */
export const SWEEP_PAGE = 25;
/** Other records per step: single-item writes, run side by side. */
export const RECORD_PAGE = 100;

export interface SweepPage {
  erased: number;
  failed: number;
  /** Submissions, employer links and audit entries deleted; employer contacts anonymised. */
  deleted: number;
  anonymised: number;
  more: boolean;
}

/**
 * One page of the nightly retention sweep (schemas/retention.ts). First the people whose retention
 * ended by `now` (withdrawn before taking part, after the exit, restricted until the funder's duty
 * ended), each erased like a lead's erasure; then the other records that are due. A restarted sweep
 * finishes what an earlier one began and erases nothing twice. `more` when a page was full and
 * moved on: the workflow then takes the next page.
 */
export async function sweepRetention(now = new Date()): Promise<SweepPage> {
  const people = await sweepPeople(now);
  const records = await sweepRecords(now);
  const page = { ...people, ...records, more: people.more || records.more };
  logger.info('retention sweep page', { ...page });
  return page;
}

async function sweepPeople(now: Date) {
  const at = now.toISOString();
  const { due } = await dueForErasure(at, SWEEP_PAGE);
  let erased = 0;
  let failed = 0;
  for (const p of due) {
    // The index is eventually consistent: the erasure itself re-reads every item through the profile.
    if (!p.retentionDueAt || p.retentionDueAt > at) continue;
    try {
      await erasePerson(p, { id: randomUUID().replaceAll('-', ''), requestedAt: at, by: 'retention-sweep', reason: p.restricted?.reason ?? 'retention_period', trigger: 'retention' });
      erased++;
    } catch (err) {
      // One person's failure does not hold up the others; the next night tries again.
      failed++;
      logger.warn('retention erasure failed', { participantId: p.id, error: (err as Error).name });
    }
  }
  return { erased, failed, more: due.length === SWEEP_PAGE && erased > 0 };
}

async function sweepRecords(now: Date) {
  const due = await recordsDue(now.toISOString(), RECORD_PAGE);
  const done = await Promise.all(due.map((r) => settle(r, now)));
  const deleted = done.filter((d) => d === 'deleted').length;
  const anonymised = done.filter((d) => d === 'anonymised').length;
  // Progress is required for another page: a record that cannot be settled waits for the next night.
  return { deleted, anonymised, more: due.length === RECORD_PAGE && done.some((d) => d !== 'unchanged') };
}

async function settle(r: DueRecord, now: Date): Promise<'deleted' | 'anonymised' | 'moved' | 'unchanged'> {
  try {
    if (r.type !== 'employer_contact') return (await deleteExpired(r.key, Math.floor(now.getTime() / 1000))) ? 'deleted' : 'unchanged';
    const p = placementOf(r);
    const { dueAt, ended } = employerContactDueAt(p, berlinDate(now));
    if (ended && dueAt <= now.toISOString()) return (await anonymiseEmployerContact(p, now.toISOString())) ? 'anonymised' : 'unchanged';
    await lookAgainAt(p, dueAt);
    return 'moved';
  } catch (err) {
    logger.warn('retention of a record failed', { record: r.type, error: (err as Error).name });
    return 'unchanged';
  }
}
