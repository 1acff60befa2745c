import * as z from 'zod/mini';
import { defineRoute } from '../http/contract.js';
import { ERRORS, STAFF_ERRORS } from '../http/errors.js';
import { LANGUAGE_CODES } from '../languages.js';
import { lazySchema } from '../lazy.js';
import { ParticipantId } from '../staff-inputs.js';
import { DATA_EXPORT_FORMAT, DATA_EXPORT_KINDS } from '../data-export.js';
import { ROUTE_PATHS } from './paths.js';

/**
 * The access request (GDPR Art. 15): a complete copy of what is stored about one person. A lead of
 * the person's site, or the person's counsellor (the staff member assigned to them; anyone on the
 * site's team while nobody is), may produce it; coordinators never. Each export is audited
 * (who, when, which format and language) before the data leaves; the copy includes that entry.
 */
const EXPORTERS = { kind: 'staff', roles: ['staff', 'lead'] } as const;
const IdParams = lazySchema(() => z.strictObject({ id: ParticipantId() }));

/** One stored item, as the table holds it (its key, its kind, every attribute; sets as sorted lists). */
const StoredItemBody = lazySchema(() =>
  z.strictObject({
    kind: z.enum(DATA_EXPORT_KINDS),
    key: z.strictObject({ PK: z.string(), SK: z.string() }),
    /** True for items past their time to live that the table has not deleted yet (DynamoDB's TTL lags). */
    expired: z.boolean(),
    attributes: z.record(z.string(), z.unknown()),
  }),
);

/** A workflow that ran for the person, as the items that record it name it, with Step Functions' state. */
const WorkflowRunBody = lazySchema(() =>
  z.strictObject({
    workflow: z.enum(['IntakeRegistration', 'TrialPlacement', 'RecognitionCase']),
    /** The execution's name: the submission, placement or case id it ran for. */
    name: z.string(),
    executionArn: z.string(),
    /** RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED; UNKNOWN when Step Functions no longer has it (history expires after 90 days). */
    status: z.string(),
    startDate: z.nullable(z.string()),
    stopDate: z.nullable(z.string()),
  }),
);

export const DataExportBody = lazySchema(() =>
  z.strictObject({
    format: z.literal(DATA_EXPORT_FORMAT),
    exportedAt: z.string(),
    participantId: z.string(),
    reference: z.string(),
    site: z.string(),
    lang: z.enum(LANGUAGE_CODES),
    /** How many items of each kind: the document's table of contents. */
    counts: z.record(z.string(), z.number()),
    items: z.array(StoredItemBody()),
    workflows: z.array(WorkflowRunBody()),
  }),
);

const DocumentQuery = z.strictObject({ lang: z.optional(z.enum(LANGUAGE_CODES)) });

export const GetParticipantDataExport = defineRoute({
  id: 'GetParticipantDataExport',
  ...ROUTE_PATHS.GetParticipantDataExport,
  auth: EXPORTERS,
  tag: 'participants',
  summary: 'Access request (Art. 15 GDPR): everything stored about one person, as JSON',
  description:
    'Every item under the person\'s keys (profile, submissions and further submissions, identity and search index entries, placements and their employer links, recognition cases and drafts, team notices, audit entries) and the workflows that ran for them. A lead of the site, or the person\'s counsellor (assigned; anyone on the team while nobody is). Audited.',
  params: IdParams,
  responses: {
    200: {
      description: 'The copy (a download: `Content-Disposition: attachment`).',
      body: DataExportBody,
      headers: { 'Content-Disposition': { description: '`attachment; filename="datenauskunft-<reference>.json"`' } },
    },
    404: ERRORS[404],
    ...STAFF_ERRORS,
  },
});

export const GetParticipantDataExportDocument = defineRoute({
  id: 'GetParticipantDataExportDocument',
  ...ROUTE_PATHS.GetParticipantDataExportDocument,
  auth: EXPORTERS,
  tag: 'participants',
  summary: 'Access request (Art. 15 GDPR): the same copy as a readable document to print or save as PDF',
  description: 'HTML in one of the ten intake languages (`?lang=`, German when absent; right-to-left for Arabic and Farsi), with the same content as the JSON. Audited.',
  params: IdParams,
  query: DocumentQuery,
  responses: {
    200: {
      description: 'The document.',
      contentType: 'text/html',
      body: lazySchema(() => z.string()),
      headers: { 'Content-Security-Policy': { description: "`default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'` (no script)" } },
    },
    400: ERRORS[400],
    404: ERRORS[404],
    ...STAFF_ERRORS,
  },
});
