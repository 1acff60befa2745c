import { dueForErasure } from '../data/erasure.js';
import { logger } from '../lib/logger.js';
import { erasePerson } from './erasure.js';
import { randomUUID } from 'node:crypto';

/** People erased per step: one page of the due partition, well inside a Lambda's time. */
export const SWEEP_PAGE = 25;

/**
 * One page of the nightly retention sweep: the people whose retention ended by `now` (withdrawn
 * before taking part, after the exit, restricted until the funder's duty ended) are erased, each
 * like a lead's erasure, so a restarted sweep finishes what an earlier one began and erases nobody
 * twice. `more` when the page was full and moved on: the workflow then takes the next page.
 */
export async function sweepRetention(now = new Date()): Promise<{ erased: number; failed: number; more: boolean }> {
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
  logger.info('retention sweep page', { due: due.length, erased, failed });
  return { erased, failed, more: due.length === SWEEP_PAGE && erased > 0 };
}
