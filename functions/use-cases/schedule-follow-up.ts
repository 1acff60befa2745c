import type { FollowUpState } from '../../schemas/workflow-tasks.js';
import { getParticipant, scheduleFollowUp } from '../data/participants.js';
import { ESCALATION_WORKING_DAYS, REMINDER_WORKING_DAYS } from '../domain/follow-up.js';
import { workingDaysDeadline } from '../domain/working-days.js';

/**
 * Workflow step: stores the first-contact follow-up's absolute due times on the participant
 * once (the workflow waits on them). Kept apart from the mail steps so it bundles no mail client.
 */
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
