import type { FollowUpState } from '../../schemas/workflow-tasks.js';
import { getParticipant, scheduleFollowUp } from '../data/table.js';
import { workingDaysDeadline } from '../domain/working-days.js';

/**
 * The intake follow-up's schedule: a first contact is due within 2 working days (then the team is
 * reminded) and within 5 (then the site lead is told). Working days skip weekends and NRW public
 * holidays. The due times are stored on the participant once; the workflow waits on them.
 * (Kept apart from the mail steps so this function bundles no mail client.)
 */
export const REMINDER_WORKING_DAYS = 2;
export const ESCALATION_WORKING_DAYS = 5;

export async function startFollowUp(participantId: string): Promise<FollowUpState> {
  const p = await getParticipant(participantId);
  if (p?.status !== 'new') return { done: true };
  const created = new Date(p.createdAt);
  const due = await scheduleFollowUp(p.id, {
    reminderDueAt: workingDaysDeadline(created, REMINDER_WORKING_DAYS).toISOString(),
    escalationDueAt: workingDaysDeadline(created, ESCALATION_WORKING_DAYS).toISOString(),
  });
  return { done: false, reminderDueAt: due.reminderDueAt, escalationDueAt: due.escalationDueAt };
}

