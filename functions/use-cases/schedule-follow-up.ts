import type { FollowUpState } from '../../schemas/workflow-tasks.js';
import { placeOnAgenda } from '../data/participant-changes.js';
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
  if (!(await putOnAgenda(p.id, p.site, due.reminderDueAt))) return { done: true };
  return { done: false, reminderDueAt: due.reminderDueAt, escalationDueAt: due.escalationDueAt };
}

/**
 * Puts the waiting participant on their site's agenda ("Heute"), due when the first contact is.
 * The write holds only while they are `new` at that site; if they moved to another site
 * meanwhile, the agenda entry follows them. False once they are no longer waiting.
 */
async function putOnAgenda(participantId: string, site: string, dueAt: string): Promise<boolean> {
  let at = site;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await placeOnAgenda(participantId, at, dueAt)) return true;
    const now = await getParticipant(participantId);
    if (now?.status !== 'new') return false;
    at = now.site;
  }
  throw new Error('agenda entry not written (the participant keeps moving)');
}
