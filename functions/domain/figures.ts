import { COUNT_KEYS, type CountKey, type Counts } from '../../schemas/exits.js';
import type { Contribution } from '../../schemas/model/exit.js';
import type { Participant } from '../../schemas/model/participant.js';
import { berlinDate } from './working-days.js';

/**
 * The figures' pure rules (docs/figures.md). A participant contributes 0 or 1 to each count, at
 * its site and entry day; the counters are the sums of the contributions. Everything exact rests
 * on this: what a participant contributes is a function of its record alone.
 */

export { COUNT_KEYS, type CountKey, type Counts };
export type Figures = Counts & { placementRate: number };

export const zeroCounts = (): Counts => ({ participants: 0, unemployed: 0, longTermUnemployed: 0, migrantBackground: 0, employment: 0, training: 0, improvedProspects: 0 });

/**
 * What the participant adds to the figures now. Nothing when they withdrew before taking part
 * (a withdrawal without a first contact): they are not participants. The outcome is the exit in
 * force (a correction replaces it). The entry day is the Berlin day of the registration.
 */
export function contributionOf(p: Pick<Participant, 'site' | 'createdAt' | 'entry' | 'withdrawal' | 'firstContact' | 'exit'>): Contribution | undefined {
  if (p.withdrawal && !p.firstContact) return undefined;
  const status = p.entry.employment.status;
  const outcome = p.exit?.outcome;
  return {
    site: p.site,
    day: berlinDate(new Date(p.createdAt)),
    participants: 1,
    unemployed: status === 'unemployed' || status === 'long_term_unemployed' ? 1 : 0,
    longTermUnemployed: status === 'long_term_unemployed' ? 1 : 0,
    migrantBackground: p.entry.part2.migrantBackground === 'yes' ? 1 : 0,
    employment: outcome === 'employment' ? 1 : 0,
    training: outcome === 'training' ? 1 : 0,
    improvedProspects: outcome === 'improved_prospects' ? 1 : 0,
  };
}

export function sameContribution(a: Contribution | undefined, b: Contribution | undefined): boolean {
  if (!a || !b) return a === b;
  return a.site === b.site && a.day === b.day && COUNT_KEYS.every((k) => a[k] === b[k]);
}

export interface CounterDelta {
  site: string;
  day: string;
  delta: Counts;
}

/**
 * What moving a participant's contribution from `from` to `to` adds to each counter item: one
 * item when site and day stay (e.g. an exit), two when they move (a handover to another site).
 */
export function counterDeltas(from: Contribution | undefined, to: Contribution | undefined): CounterDelta[] {
  const out: CounterDelta[] = [];
  const at = (site: string, day: string) => {
    let d = out.find((x) => x.site === site && x.day === day);
    if (!d) out.push((d = { site, day, delta: zeroCounts() }));
    return d;
  };
  if (from) for (const k of COUNT_KEYS) at(from.site, from.day).delta[k] -= from[k];
  if (to) for (const k of COUNT_KEYS) at(to.site, to.day).delta[k] += to[k];
  return out;
}

export function addCounts(into: Counts, more: Partial<Counts>): Counts {
  for (const k of COUNT_KEYS) into[k] += more[k] ?? 0;
  return into;
}

/** (employment + training) / participants, 0 when there are none. */
export function placementRate(c: Counts): number {
  return c.participants === 0 ? 0 : (c.employment + c.training) / c.participants;
}

export const withRate = (c: Counts): Figures => ({ ...c, placementRate: placementRate(c) });

/** The entry month of an entry day (`YYYY-MM`). */
export const monthOf = (day: string) => day.slice(0, 7);
