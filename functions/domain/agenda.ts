import type { Participant } from '../../schemas/model/participant.js';
import { participantSummary } from './participant-views.js';
import { addCalendarDays, berlinDate, isWorkingDay } from './working-days.js';

/**
 * "Heute" for a site (pure): who waits for a first contact, longest waiting / overdue first, and
 * what falls due within the next days. Built from the site's agenda index, which the intake
 * follow-up fills (a participant in status `new` with scheduled due times) and a first contact
 * or withdrawal empties. Later kinds (trial placements, recognition cases) add their own items.
 */

/** How far ahead "Heute" looks. */
export const AGENDA_DAYS_AHEAD = 7;

const HOUR = 3600 * 1000;

export interface UpcomingItem {
  kind: 'intake.reminder' | 'intake.escalation';
  dueAt: string;
  participantId: string;
  reference: string;
  text: string;
}

const UPCOMING_TEXT: Record<UpcomingItem['kind'], string> = {
  'intake.reminder': 'Erinnerung an das Team, wenn bis dahin kein Erstkontakt erfasst ist',
  'intake.escalation': 'Eskalation an die Standortleitung, wenn bis dahin kein Erstkontakt erfasst ist',
};

/**
 * Whole NRW working days that have passed since the intake: the working days after its (Berlin)
 * date and before today. Changes at midnight only, so "Heute" keeps its ETag through the day.
 * The first contact is due after 2 (then the team is reminded), the lead is told after 5.
 */
export function workingDaysWaited(since: Date, now: Date): number {
  const today = berlinDate(now);
  let count = 0;
  for (let d = addCalendarDays(berlinDate(since), 1), n = 0; d < today && n < 400; d = addCalendarDays(d, 1), n++) if (isWorkingDay(d)) count++;
  return count;
}

export function agendaUntil(now: Date): Date {
  return new Date(now.getTime() + AGENDA_DAYS_AHEAD * 24 * HOUR);
}

/** The waiting participants of one site, in the agenda's order (due time ascending). */
export function todayView(waiting: Participant[], now: Date, truncated: boolean) {
  const until = agendaUntil(now).getTime();
  const t = now.getTime();
  const items = waiting
    .filter((p) => p.status === 'new' && p.followUp)
    .map((p) => {
      const f = p.followUp!;
      const nextDueAt = !f.reminderSentAt ? f.reminderDueAt : !f.escalatedAt ? f.escalationDueAt : null;
      return {
        participant: participantSummary(p),
        /** The first contact is due by the reminder's due time (2 working days). */
        dueAt: f.reminderDueAt,
        overdue: Date.parse(f.reminderDueAt) <= t,
        waitingSince: p.createdAt,
        waitedWorkingDays: workingDaysWaited(new Date(p.createdAt), now),
        reminderSentAt: f.reminderSentAt ?? null,
        escalatedAt: f.escalatedAt ?? null,
        nextDueAt,
      };
    });
  const upcoming: UpcomingItem[] = [];
  for (const p of waiting) {
    const f = p.followUp;
    if (p.status !== 'new' || !f) continue;
    const steps: [UpcomingItem['kind'], string, string | undefined][] = [
      ['intake.reminder', f.reminderDueAt, f.reminderSentAt],
      ['intake.escalation', f.escalationDueAt, f.escalatedAt],
    ];
    for (const [kind, dueAt, done] of steps) {
      const due = Date.parse(dueAt);
      if (!done && due > t && due <= until) upcoming.push({ kind, dueAt, participantId: p.id, reference: p.reference, text: UPCOMING_TEXT[kind] });
    }
  }
  upcoming.sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.participantId < b.participantId ? -1 : 1));
  return { waiting: items, upcoming, truncated };
}
