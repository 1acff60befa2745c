import { ParticipantSchema, type Participant } from '../../schemas/model/participant.js';
import { PlacementSchema, type Placement } from '../../schemas/model/placement.js';
import { isRecognitionDraft, type RecognitionCase } from '../../schemas/model/recognition.js';
import { INDEXES, ITEM_TYPE, siteAgendaPartition } from './keys.js';
import { parseRecognition } from './recognition-cases.js';
import { parseItem, queryDue } from './table.js';

/**
 * A site's agenda (keys.ts, GSI4): everything due up to a time, earliest first, in one Query.
 * It holds participants waiting for a first contact, trial placements waiting for the
 * employer's answer or feedback, and recognition cases with an unmet receipt or decision deadline.
 */

/** How many agenda items one page of "Heute" reads at most. */
export const AGENDA_LIMIT = 250;

export async function agendaUpTo(
  site: string,
  until: string,
): Promise<{ waiting: Participant[]; placements: Placement[]; recognition: RecognitionCase[]; truncated: boolean }> {
  const page = await queryDue({ index: INDEXES.siteAgenda, partition: siteAgendaPartition(site) }, until, AGENDA_LIMIT);
  const waiting = page.items
    .filter((i) => i['type'] === ITEM_TYPE.participant)
    .map((i) => parseItem(ParticipantSchema, i))
    // Defence in depth: the agenda key moves with the site in the same write.
    .filter((p) => p.site === site);
  const placements = page.items
    .filter((i) => i['type'] === ITEM_TYPE.placement)
    .map((i) => parseItem(PlacementSchema, i))
    .filter((p) => p.site === site);
  const recognition = page.items
    .filter((i) => i['type'] === ITEM_TYPE.recognitionCase)
    .map(parseRecognition)
    .filter((c): c is RecognitionCase => !isRecognitionDraft(c) && c.site === site);
  return { waiting, placements, recognition, truncated: page.last !== undefined };
}
