import type { FiguresState } from '../../schemas/model/exit.js';
import { addToCounter, readCounter, removeChangeId } from '../data/figure-counters.js';
import { readFigures, unsettledParticipants, writeFigures } from '../data/figure-state.js';
import { contributionOf, counterDeltas, sameContribution } from '../domain/figures.js';
import { logger } from '../lib/logger.js';

/**
 * Moves a participant's contribution into the figure counters, exactly once (docs/figures.md).
 * Safe to call any number of times, at any point, concurrently: each step is one conditional
 * write, re-read after a refusal. The steps, each advancing `figures.rev`:
 *
 *   settled → pending   claim the delta (applied → what the record contributes now), on the
 *                       participant's version, under the change id `<id>#<rev>`
 *   pending → cleaning  add the delta to each counter under that id (a retried add is refused),
 *                       then record it as applied on the participant
 *   cleaning → settled  remove the id from the counters, then mark the participant settled
 *
 * A crash between any two writes leaves a state the next call continues from; the participant
 * stays marked unsettled until then, and the figures' reader settles it before reading.
 */
export async function settleFigures(participantId: string, at = new Date().toISOString()): Promise<void> {
  for (let attempt = 0; attempt < 12; attempt++) {
    const read = await readFigures(participantId);
    if (!read) return;
    const { participant: p, figures: f } = read;
    if (f.phase === 'pending') {
      await applyPending(participantId, f, at);
      continue;
    }
    if (f.phase === 'cleaning') {
      for (const c of f.counters ?? []) await removeChangeId(c.site, c.day, f.cid!);
      await writeFigures(participantId, f.rev, { rev: f.rev + 1, phase: 'settled', ...(f.applied ? { applied: f.applied } : {}) });
      continue;
    }
    const wanted = contributionOf(p);
    if (sameContribution(wanted, f.applied)) {
      if (!read.unsettled || (await writeFigures(participantId, f.rev, f, { version: p.version, settled: true }))) return;
      continue;
    }
    const next: FiguresState = {
      rev: f.rev + 1,
      phase: 'pending',
      ...(f.applied ? { applied: f.applied, from: f.applied } : {}),
      ...(wanted ? { to: wanted } : {}),
      cid: `${participantId}#${f.rev + 1}`,
      counters: counterDeltas(f.applied, wanted).map(({ site, day }) => ({ site, day })),
    };
    await writeFigures(participantId, f.rev, next, { version: p.version });
  }
  // Only under sustained contention; the participant stays marked and the next call continues.
  logger.warn('figures not settled yet', { participantId });
}

/**
 * Adds the claimed delta to each counter, then records it as applied. Before each add the
 * counter is read, then the participant is read again: if the claim is no longer there, another
 * call finished it (and may have removed the id already), so this one stops. An add prepared
 * before such a removal is refused by the counter's `cleanups`.
 */
async function applyPending(participantId: string, f: FiguresState, at: string): Promise<void> {
  const cid = f.cid!;
  for (const { site, day, delta } of counterDeltas(f.from, f.to)) {
    for (let tries = 0; ; tries++) {
      if (tries === 20) return; // sustained contention: the next call continues
      const counter = await readCounter(site, day);
      if (counter.inflight[cid]) break;
      const again = await readFigures(participantId);
      if (!again || again.figures.rev !== f.rev) return;
      if (await addToCounter(site, day, cid, delta, counter, at)) break;
    }
  }
  await writeFigures(participantId, f.rev, {
    rev: f.rev + 1,
    phase: 'cleaning',
    ...(f.to ? { applied: f.to } : {}),
    cid,
    counters: f.counters ?? [],
  });
}

/**
 * Settles every participant still marked unsettled (the reader's first step; usually none: one
 * empty Query). Pages of 100, at most 10: beyond that a reader would wait too long, and the rest
 * is settled by the next reader (the figures say so only by being read again).
 */
export async function settleUnsettled(at?: string): Promise<number> {
  let settled = 0;
  for (let page = 0; page < 10; page++) {
    const ids = await unsettledParticipants(100);
    for (const id of ids) await settleFigures(id, at);
    settled += ids.length;
    if (ids.length < 100) break;
  }
  return settled;
}
