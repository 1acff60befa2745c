import type { Entry } from '../../schemas/model/entry.js';
import type { RecognitionDraft } from '../../schemas/model/recognition.js';
import type { Submission } from '../../schemas/model/submission.js';
import { putRecognition } from '../data/recognition-cases.js';
import { recognitionDraftIdFor } from '../domain/recognition-case.js';
import { newChecklist } from '../domain/recognition-checklist.js';
import { berlinDate } from '../domain/working-days.js';
import { logger } from '../lib/logger.js';

/**
 * Step of the intake's RegisterParticipant: an intake that asked for recognition (the help wanted
 * includes it, and then the contract wants the qualification answers) leaves a draft case for the
 * counsellor to open — the qualification as given and the checklist from the documents at hand.
 * Its id comes from the submission and the Put is conditional, so a retried step creates it once.
 */
export async function leaveRecognitionDraft(s: Submission, participant: { id: string; reference: string; site: string }, entry: Entry, at: string): Promise<void> {
  const q = entry.qualification;
  if (!q) return; // nothing to start a case from (the intake asks for it whenever recognition is wanted)
  const draft: RecognitionDraft = {
    id: recognitionDraftIdFor(s.id),
    draft: true,
    site: participant.site,
    participantId: participant.id,
    participantReference: participant.reference,
    qualification: { country: q.country, profession: q.profession, year: q.year },
    checklist: newChecklist(berlinDate(new Date(s.receivedAt)), q.documents),
    submissionId: s.id,
    createdAt: s.receivedAt,
    updatedAt: at,
    version: 1,
  };
  const { created } = await putRecognition(draft);
  if (created) logger.info('recognition draft left for the counsellor', { participantId: participant.id, caseId: draft.id });
}
