import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { RecognitionCaseSchema, type RecognitionCase, type RecognitionCost, type RecognitionFact } from '../../schemas/model/recognition.js';
import type { ChecklistItem, DocumentKind } from '../../schemas/recognition.js';
import { dynamo } from '../clients/dynamo.js';
import { AGENDA_KINDS, agendaKeys, key, RECOGNITION_INDEXES } from './keys.js';
import { getRecognition, recognitionItem } from './recognition-cases.js';
import { ifCondition, parseItem, tableName } from './table.js';

/**
 * Staff changes to a recognition case, each one conditional write on the version the caller saw:
 * a fact (appended with list_append: facts are never edited), checklist items, a cost, and
 * opening a draft. The agenda keys follow the next unmet deadline in the same write. ALL_NEW
 * carries the stored task token, so the route can wake the workflow's wait.
 */

const AGENDA = RECOGNITION_INDEXES.agenda;

export type RecognitionChange = { ok: true; case: RecognitionCase } | { ok: false; reason: 'not_found' | 'version' | 'draft' | 'not_draft' };

async function whyNot(id: string, site: string, expectedVersion: number, wantDraft = false): Promise<RecognitionChange> {
  const current = await getRecognition(id);
  if (!current || current.site !== site) return { ok: false, reason: 'not_found' };
  if (current.version !== expectedVersion) return { ok: false, reason: 'version' };
  return { ok: false, reason: wantDraft ? 'not_draft' : 'draft' };
}

/** One versioned update of an opened case: `set` clauses (with their values), the agenda moved or removed. */
async function change(
  c: { id: string; site: string; version: number; at: string; agendaDueAt: string | undefined },
  set: string[],
  names: Record<string, string>,
  values: Record<string, unknown>,
): Promise<RecognitionChange> {
  const agenda = c.agendaDueAt ? agendaKeys(c.site, c.agendaDueAt, AGENDA_KINDS.recognitionDeadline, c.id) : undefined;
  const clauses = [...set, 'version = version + :one', 'updatedAt = :at', ...(agenda ? ['#apk = :apk', '#ask = :ask'] : [])];
  const out = await ifCondition(() =>
    dynamo.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key.recognitionCase(c.id),
        UpdateExpression: `SET ${clauses.join(', ')}${agenda ? '' : ' REMOVE #apk, #ask'}`,
        ConditionExpression: 'attribute_exists(PK) AND site = :site AND version = :version AND attribute_not_exists(#draft)',
        ExpressionAttributeNames: { ...names, '#draft': 'draft', '#apk': AGENDA.partitionKey, '#ask': AGENDA.sortKey },
        ExpressionAttributeValues: {
          ...values,
          ':one': 1,
          ':at': c.at,
          ':site': c.site,
          ':version': c.version,
          ...(agenda ? { ':apk': agenda[AGENDA.partitionKey], ':ask': agenda[AGENDA.sortKey] } : {}),
        },
        ReturnValues: 'ALL_NEW',
      }),
    ),
  );
  return out?.Attributes ? { ok: true, case: parseItem(RecognitionCaseSchema(), out.Attributes) } : whyNot(c.id, c.site, c.version);
}

export interface ChangeOf {
  id: string;
  site: string;
  /** The version the caller saw. */
  version: number;
  at: string;
  /** The end of the next unmet deadline's due day after the change (the agenda's sort), if any. */
  agendaDueAt: string | undefined;
}

/** Appends a fact (the domain checked its order on the facts of the same version). */
export function appendFact(c: ChangeOf, fact: RecognitionFact): Promise<RecognitionChange> {
  return change(c, ['facts = list_append(facts, :fact)'], {}, { ':fact': [fact] });
}

/** Sets checklist items (each kind's state and since). */
export function setChecklistItems(c: ChangeOf, items: Partial<Record<DocumentKind, ChecklistItem>>): Promise<RecognitionChange> {
  const entries = Object.entries(items);
  const names = Object.fromEntries(entries.map(([kind], i) => [`#k${i}`, kind]));
  const values = Object.fromEntries(entries.map(([, item], i) => [`:k${i}`, item]));
  return change(c, entries.map((_, i) => `checklist.#k${i} = :k${i}`), names, values);
}

/** Appends a cost. */
export function appendCost(c: ChangeOf, cost: RecognitionCost): Promise<RecognitionChange> {
  return change(c, ['costs = list_append(costs, :cost)'], {}, { ':cost': [cost] });
}

/** A draft becomes a case: one conditional Put on the draft's version (the same key, the case's listing and agenda keys). */
export async function openDraft(c: RecognitionCase, draftVersion: number, agendaDueAt: string | undefined): Promise<RecognitionChange> {
  const written = await ifCondition(() =>
    dynamo.send(
      new PutCommand({
        TableName: tableName(),
        Item: recognitionItem(c, agendaDueAt),
        ConditionExpression: 'attribute_exists(PK) AND site = :site AND version = :version AND #draft = :true',
        ExpressionAttributeNames: { '#draft': 'draft' },
        ExpressionAttributeValues: { ':site': c.site, ':version': draftVersion, ':true': true },
      }),
    ),
  );
  return written ? { ok: true, case: c } : whyNot(c.id, c.site, draftVersion, true);
}
