import { ParticipantSchema, type Participant } from '../../schemas/model/participant.js';
import { INDEXES, siteListingBound, siteListingPartition } from './keys.js';
import { parseItem, queryPage } from './table.js';

/**
 * A site's participants registered between two instants, page by page from the site listing
 * (GSI1, oldest first), for the lead's export: never more than one page in memory.
 */
export async function* participantPages(site: string, fromIso: string, toIso: string, pageSize = 200): AsyncGenerator<Participant[]> {
  const I = INDEXES.siteListing;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await queryPage({
      IndexName: I.name,
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#pk': I.partitionKey, '#sk': I.sortKey },
      ExpressionAttributeValues: { ':pk': siteListingPartition(site), ':from': siteListingBound(fromIso), ':to': siteListingBound(toIso, true) },
      Limit: pageSize,
      ...(start ? { ExclusiveStartKey: start } : {}),
    });
    // An index entry lagging behind a handover never shows another site's person.
    yield page.items.map((i) => parseItem(ParticipantSchema, i)).filter((p) => p.site === site);
    start = page.last;
  } while (start);
}
