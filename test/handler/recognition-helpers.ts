import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DOCUMENT_KINDS } from '../../schemas/recognition.js';
import type { RouteContract } from '../../schemas/http/contract.js';
import { checkResponse } from '../contract.js';
import { lambdaContext, storedParticipant } from '../fixtures.js';

/** Stored items and calls for the recognition handler tests (aws-sdk-client-mock). */

export const PID = '0123456789abcdef0123456789abcdef';
export const CASE_ID = 'cccc0000dddd1111eeee2222ffff3333';
export const COORDINATOR = { 'cognito:groups': '[coordinator]', 'custom:site': '' };
export const STATE_MACHINE = 'arn:aws:states:eu-central-1:111122223333:stateMachine:RecognitionCase';
process.env['RECOGNITION_CASE_STATE_MACHINE_ARN'] = STATE_MACHINE;

export type Handler = (event: APIGatewayProxyEventV2, context: typeof lambdaContext) => Promise<unknown>;
export const call = async (contract: RouteContract, h: Handler, e: APIGatewayProxyEventV2) => checkResponse(contract, await h(e, lambdaContext));
export const conditionFailed = () => new ConditionalCheckFailedException({ message: 'condition', $metadata: {} });

export const participantItem = (extra: Record<string, unknown> = {}): Record<string, any> => ({
  PK: `PARTICIPANT#${PID}`,
  SK: 'PROFILE',
  type: 'Participant',
  ...storedParticipant({ id: PID, ...extra }),
});

export const checklist = (state = 'missing', since = '2027-02-01') => Object.fromEntries(DOCUMENT_KINDS.map((k) => [k, { state, since }]));

/** The body of POST /api/staff/recognition-cases. */
export const caseBody = (extra: Record<string, unknown> = {}): Record<string, any> => ({
  participantId: PID,
  qualification: { country: 'SY', title: 'دبلوم تمريض', profession: 'Pflegefachkraft', year: 2015 },
  regulated: true,
  fastTrack: false,
  competentBody: 'bezirksregierung',
  ...extra,
});

/** A stored case (opened), with its keys. */
export const caseItem = (extra: Record<string, unknown> = {}): Record<string, any> => {
  const { participantId: _p, ...fields } = caseBody();
  return {
    PK: `RECOGNITION#${CASE_ID}`,
    SK: 'CASE',
    type: 'RecognitionCase',
    GSI1PK: 'SITE#marxloh#RECOGNITION',
    GSI1SK: `RECOGNITION#2027-02-01T09:00:00.000Z#${CASE_ID}`,
    ...fields,
    id: CASE_ID,
    site: 'marxloh',
    participantId: PID,
    participantReference: 'AB12-CD34',
    checklist: checklist(),
    costs: [],
    facts: [],
    createdAt: '2027-02-01T09:00:00.000Z',
    createdBy: '5f0c7d3e-1111-4a2b-9c3d-000000000001',
    updatedAt: '2027-02-01T09:00:00.000Z',
    version: 1,
    ...extra,
  };
};

/** A stored draft from an intake. */
export const draftItem = (extra: Record<string, unknown> = {}): Record<string, any> => ({
  PK: `RECOGNITION#${CASE_ID}`,
  SK: 'CASE',
  type: 'RecognitionCase',
  id: CASE_ID,
  draft: true,
  site: 'marxloh',
  participantId: PID,
  participantReference: 'AB12-CD34',
  qualification: { country: 'SY', profession: 'Pflegefachkraft', year: 2015 },
  checklist: { ...checklist(), certificates: { state: 'at_hand', since: '2027-02-01' } },
  submissionId: 'f0123456789abcdef0123456789abcde',
  createdAt: '2027-02-01T09:00:00.000Z',
  updatedAt: '2027-02-01T09:00:00.000Z',
  version: 1,
  ...extra,
});

let n = 0;
/** A stored fact. */
export const storedFact = (type: string, date: string, extra: Record<string, unknown> = {}) => ({
  id: (++n).toString(16).padStart(32, 'f'),
  type,
  date,
  recordedAt: `${date}T10:00:00.000Z`,
  recordedBy: '5f0c7d3e-1111-4a2b-9c3d-000000000001',
  role: 'staff',
  ...extra,
});
