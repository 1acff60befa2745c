import * as z from 'zod/mini';
import { defineRoute } from '../http/contract.js';
import { CHANGE_ERRORS } from '../http/errors.js';
import { ExitCorrectionInput, ExitInput } from '../exit-inputs.js';
import { lazySchema } from '../lazy.js';
import { ExitRecordSchema } from '../model/exit.js';
import { ParticipantId } from '../staff-inputs.js';
import { PARTICIPANT_STATUSES } from '../staff.js';
import { ROUTE_PATHS } from './paths.js';

/** The exit (ESF Plus exit questionnaire and outcome) and its corrections: staff and leads of the participant's site. */

const SITE_STAFF = { kind: 'staff', roles: ['staff', 'lead'] } as const;
const IdParams = lazySchema(() => z.strictObject({ id: ParticipantId() }));

/** The exit in force as the record shows it (the stored shape: who recorded it is a subject id). */
export const ExitBody = lazySchema(() => ExitRecordSchema);

export const ExitChangedBody = lazySchema(() =>
  z.strictObject({
    id: z.string(),
    status: z.enum(PARTICIPANT_STATUSES),
    version: z.int(),
    updatedAt: z.string(),
    exit: ExitRecordSchema,
    /** How many earlier exits a correction replaced (0 for the first). */
    corrections: z.int(),
  }),
);

const exitChange = {
  params: IdParams,
  responses: {
    200: { description: 'Recorded; the new version and the exit in force.', body: ExitChangedBody },
    ...CHANGE_ERRORS,
  },
} as const;

export const ExitParticipant = defineRoute({
  id: 'ExitParticipant',
  ...ROUTE_PATHS.ExitParticipant,
  auth: SITE_STAFF,
  tag: 'participants',
  summary: 'Record the exit: outcome and the ESF Plus exit questionnaire',
  description:
    'With the version the caller saw (409 `version_conflict` if someone was quicker). Allowed once a first contact is recorded (409 `exit_needs_first_contact`), ' +
    'not after a withdrawal (409 `participant_withdrawn_exit`) nor a second time (409 `participant_exited`: correct it instead). `improvedReason` goes with `improved_prospects` ' +
    '(`other` with `improvedReasonText`), `employmentKind` and `employerName` with `employment`, `trainingOccupation` with `training`; anything else is 400 ' +
    '`not_applicable` at its field. The date is not in the future nor before the first contact. Ends every running workflow of the participant (intake follow-up, ' +
    'trial placements, recognition cases), updates the figures and is audited (`participant.exited`).',
  body: { schema: ExitInput, maxBytes: 8 * 1024 },
  ...exitChange,
});

export const CorrectExit = defineRoute({
  id: 'CorrectExit',
  ...ROUTE_PATHS.CorrectExit,
  auth: SITE_STAFF,
  tag: 'participants',
  summary: 'Correct the exit: a new fact that replaces the exit in force',
  description:
    'The full exit as it should have been recorded, with `reason`, on the version the caller saw. Only after an exit (409 `exit_not_recorded`). ' +
    'The earlier exit stays in the record (`exitHistory`); the figures move from the old outcome to the new one exactly once; audited (`participant.exit_corrected`).',
  body: { schema: ExitCorrectionInput, maxBytes: 8 * 1024 },
  ...exitChange,
});
