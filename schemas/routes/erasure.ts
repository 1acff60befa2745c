import * as z from 'zod/mini';
import { defineRoute } from '../http/contract.js';
import { CHANGE_ERRORS } from '../http/errors.js';
import { ERASURE_OUTCOMES, RESTRICTED_READ_REASONS } from '../erasure.js';
import { ErasureInput, RestrictedReadInput } from '../erasure-inputs.js';
import { lazySchema } from '../lazy.js';
import { ParticipantId } from '../staff-inputs.js';
import { ROUTE_PATHS } from './paths.js';
import { ParticipantRecordBody } from './staff.js';

/**
 * Erasure (Art. 17 GDPR) and restriction (Art. 18): a lead of the person's site asks for the
 * erasure; where the funder's retention duty applies the person is restricted instead and erased
 * when it ends. A restricted person is read only by a lead, with a reason, audited.
 */
const LEAD = { kind: 'staff', roles: ['lead'] } as const;
const IdParams = lazySchema(() => z.strictObject({ id: ParticipantId() }));

export const ErasureResultBody = lazySchema(() =>
  z.strictObject({
    /** `erased`: every item about the person is gone; `restricted`: kept for the funder's duty, hidden, erased at `erasureDueAt`. */
    outcome: z.enum(ERASURE_OUTCOMES),
    /** The erasure's id, as the site's audit entry names it (no person). */
    erasureId: z.nullable(z.string()),
    erasureDueAt: z.nullable(z.string()),
    /** How many items of each kind were deleted (empty for a restriction). */
    items: z.record(z.string(), z.number()),
  }),
);

export const RequestErasure = defineRoute({
  id: 'RequestErasure',
  ...ROUTE_PATHS.RequestErasure,
  auth: LEAD,
  tag: 'participants',
  summary: 'Erase a person (Art. 17 GDPR), or restrict them while the funder\'s retention duty applies (Art. 18)',
  description:
    'With the version the caller saw and a reason code. Without a retention duty (the person never took part, or the duty has ended) every item about them is deleted, their workflows are stopped, and one site-level audit entry without personal data records it; the figures stay as they were. ' +
    'When the person took part, the ESF Plus duty applies: they are hidden from every list, search and "Heute", read only by a lead with a reason, and erased when the duty ends. Leads only. A retry finishes the same erasure.',
  params: IdParams,
  body: { schema: ErasureInput, maxBytes: 4 * 1024 },
  responses: {
    200: { description: 'Erased, or restricted until `erasureDueAt`.', body: ErasureResultBody },
    ...CHANGE_ERRORS,
  },
});

export const RestrictedReadBody = lazySchema(() =>
  z.strictObject({
    restricted: z.strictObject({ since: z.string(), reason: z.string(), erasureDueAt: z.string() }),
    reason: z.enum(RESTRICTED_READ_REASONS),
    record: ParticipantRecordBody(),
  }),
);

export const ReadRestrictedParticipant = defineRoute({
  id: 'ReadRestrictedParticipant',
  ...ROUTE_PATHS.ReadRestrictedParticipant,
  auth: LEAD,
  tag: 'participants',
  summary: 'Read a restricted person\'s record (Art. 18(2) GDPR): a lead, with a reason, audited',
  description: 'Only for a person whose processing is restricted (409 otherwise: read them with `GET …/{id}`). The reason code is audited with the read.',
  params: IdParams,
  body: { schema: RestrictedReadInput, maxBytes: 1024 },
  responses: {
    200: { description: 'The record, with the restriction.', body: RestrictedReadBody },
    ...CHANGE_ERRORS,
  },
});
