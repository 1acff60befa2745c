import type { Placement, PlacementDue } from '../../schemas/model/placement.js';
import { nextDueAt, placementDays } from './placement-rules.js';
import { workingDaysWaited } from './agenda.js';

/** How staff see trial placements (pure): in lists, on the participant's record, on "Heute", in full. */

export function placementSummary(p: Placement) {
  return {
    id: p.id,
    status: p.status,
    participantId: p.participantId,
    participantReference: p.participantReference,
    employerName: p.employer.name,
    role: p.role,
    startDate: p.startDate,
    endDate: p.endDate,
    weeklyHours: p.weeklyHours,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

/** On the participant's record: one line per placement. */
export function participantPlacementView(p: Placement) {
  return {
    id: p.id,
    status: p.status,
    employerName: p.employer.name,
    role: p.role,
    startDate: p.startDate,
    endDate: p.endDate,
    outcome: p.feedback?.outcome ?? null,
  };
}

const dueView = (d: PlacementDue | undefined) =>
  d
    ? {
        from: d.from,
        firstReminderAt: d.firstReminderAt,
        secondReminderAt: d.secondReminderAt,
        closesAt: d.closesAt,
        firstReminderSentAt: d.firstReminderSentAt ?? null,
        secondReminderSentAt: d.secondReminderSentAt ?? null,
      }
    : null;

/** The whole placement for staff of its site; never the link hashes or the task token. */
export function placementDetail(p: Placement) {
  return {
    id: p.id,
    site: p.site,
    status: p.status,
    version: p.version,
    participantId: p.participantId,
    participantReference: p.participantReference,
    employer: {
      name: p.employer.name,
      contactName: p.employer.contactName,
      email: p.employer.email,
      phone: p.employer.phone ?? null,
      address: p.employer.address ?? null,
      contactErasedAt: p.contactErasedAt ?? null,
    },
    role: p.role,
    startDate: p.startDate,
    endDate: p.endDate,
    days: placementDays(p.startDate, p.endDate),
    maxDays: p.maxDays,
    weeklyHours: p.weeklyHours,
    tasks: p.tasks ?? null,
    place: p.place ?? null,
    supervisor: p.supervisor ? { name: p.supervisor.name, phone: p.supervisor.phone } : null,
    accidentInsurance: p.accidentInsurance ?? null,
    seriousObstacles: p.seriousObstacles,
    note: p.note ?? null,
    createdAt: p.createdAt,
    createdBy: p.createdBy,
    updatedAt: p.updatedAt,
    linkPurpose: p.status === 'requested' || p.status === 'confirmed' ? (p.linkPurpose ?? null) : null,
    requestSentAt: p.requestSentAt ?? null,
    linksResent: p.linksResent ?? 0,
    answerDue: dueView(p.answerDue),
    answer: p.answer ? { decision: p.answer.decision, reason: p.answer.reason ?? null, at: p.answer.at } : null,
    expiredAt: p.expiredAt ?? null,
    checkInAt: p.checkInAt ?? null,
    checkInSentAt: p.checkInSentAt ?? null,
    feedbackAt: p.feedbackAt ?? null,
    feedbackRequestSentAt: p.feedbackRequestSentAt ?? null,
    feedbackDue: dueView(p.feedbackDue),
    feedback: p.feedback ? { outcome: p.feedback.outcome, reason: p.feedback.reason ?? null, at: p.feedback.at, by: p.feedback.by } : null,
    cancellation: p.cancellation
      ? { reason: p.cancellation.reason ?? null, at: p.cancellation.at, by: p.cancellation.by, role: p.cancellation.role, employerToldAt: p.cancellation.employerToldAt ?? null }
      : null,
  };
}

/** The next automatic step still ahead, or null. */
function upcoming(d: PlacementDue | undefined, now: Date): string | null {
  if (!d) return null;
  const next = nextDueAt(d, now);
  return Date.parse(next) > now.getTime() ? next : null;
}

const sentCount = (d: PlacementDue | undefined) => (d?.firstReminderSentAt ? 1 : 0) + (d?.secondReminderSentAt ? 1 : 0);

/**
 * "Heute" for trial placements (the agenda's placement items): those waiting for the employer,
 * longest waiting first, then the confirmed ones whose feedback is due, earliest first.
 */
export interface PlacementAgendaItem {
  kind: 'placement.answer' | 'placement.feedback';
  placement: ReturnType<typeof placementSummary>;
  dueAt: string;
  overdue: boolean;
  waitingSince: string;
  waitedWorkingDays: number;
  remindersSent: number;
  nextDueAt: string | null;
}

export function placementAgendaView(placements: Placement[], now: Date): PlacementAgendaItem[] {
  const t = now.getTime();
  const items = placements.flatMap((p): PlacementAgendaItem[] => {
    if (p.status === 'requested') {
      const since = p.answerDue?.from ?? p.createdAt;
      const dueAt = p.answerDue?.closesAt ?? p.createdAt;
      return [
        {
          kind: 'placement.answer' as const,
          placement: placementSummary(p),
          dueAt,
          overdue: Date.parse(dueAt) <= t,
          waitingSince: since,
          waitedWorkingDays: workingDaysWaited(new Date(since), now),
          remindersSent: sentCount(p.answerDue),
          nextDueAt: upcoming(p.answerDue, now),
        },
      ];
    }
    if (p.status === 'confirmed' && p.feedbackAt) {
      const requested = Date.parse(p.feedbackAt) <= t;
      return [
        {
          kind: 'placement.feedback' as const,
          placement: placementSummary(p),
          dueAt: p.feedbackAt,
          overdue: requested,
          waitingSince: p.feedbackAt,
          waitedWorkingDays: requested ? workingDaysWaited(new Date(p.feedbackAt), now) : 0,
          remindersSent: sentCount(p.feedbackDue),
          nextDueAt: p.feedbackDue ? upcoming(p.feedbackDue, now) : requested ? null : p.feedbackAt,
        },
      ];
    }
    return [];
  });
  const order = (k: string) => (k === 'placement.answer' ? 0 : 1);
  return items.sort((a, b) => order(a.kind) - order(b.kind) || (a.waitingSince < b.waitingSince ? -1 : a.waitingSince > b.waitingSince ? 1 : 0));
}
