import type { Participant } from '../../schemas/model/participant.js';

/** How staff see a participant in lists, search results and "Heute" (pure). */

export const assigneeView = (p: Participant) => (p.assignedTo ? { sub: p.assignedTo.sub, username: p.assignedTo.username } : null);

export function participantSummary(p: Participant) {
  return {
    id: p.id,
    reference: p.reference,
    site: p.site,
    status: p.status,
    createdAt: p.createdAt,
    firstName: p.entry.person.firstName,
    lastName: p.entry.person.lastName,
    help: p.entry.help,
    duplicates: p.duplicateSubmissionIds?.size ?? 0,
    assignedTo: assigneeView(p),
  };
}
export type ParticipantSummary = ReturnType<typeof participantSummary>;
