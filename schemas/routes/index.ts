import type { RouteContract } from '../http/contract.js';
import { AssignParticipant, GetTeam, GetToday, SearchParticipants, TransferParticipant } from './console.js';
import { GetDataNotice } from './data-notice.js';
import { GetEmployerPage, PostEmployerPage } from './employer.js';
import { GetParticipantDataExport, GetParticipantDataExportDocument } from './data-export.js';
import { ReadRestrictedParticipant, RequestErasure } from './erasure.js';
import { CorrectExit, ExitParticipant } from './exit.js';
import { GetHealth } from './health.js';
import { PostIntake } from './intake.js';
import { GetIntakeForm } from './intake-form.js';
import { GetStaffMe } from './me.js';
import { CancelPlacement, CreatePlacement, GetPlacement, ListPlacements, PostPlacementOutcome, ResendPlacementLink } from './placements.js';
import {
  CreateRecognitionCase,
  GetRecognitionCase,
  ListRecognitionCases,
  OpenRecognitionCase,
  PostRecognitionCost,
  PostRecognitionEvent,
  UpdateRecognitionDocuments,
} from './recognition.js';
import { GetKpis, GetKpisCsv, GetKpisXlsx, GetParticipantsCsv } from './reports.js';
import { GetParticipant, GetParticipantAudit, ListParticipants, RecordFirstContact, WithdrawParticipant } from './staff.js';

export * from './health.js';
export * from './intake.js';
export * from './intake-form.js';
export * from './me.js';
export * from './staff.js';
export * from './console.js';
export * from './placements.js';
export * from './employer.js';
export * from './recognition.js';
export * from './data-export.js';
export * from './exit.js';
export * from './reports.js';
export * from './data-notice.js';
export * from './erasure.js';

/** Every route contract; infra/routes.ts adds each one's handler module and grants. */
export const CONTRACTS = [
  GetHealth,
  GetIntakeForm,
  PostIntake,
  GetStaffMe,
  ListParticipants,
  SearchParticipants,
  GetToday,
  GetParticipant,
  GetParticipantAudit,
  GetParticipantDataExport,
  GetParticipantDataExportDocument,
  RequestErasure,
  ReadRestrictedParticipant,
  RecordFirstContact,
  WithdrawParticipant,
  AssignParticipant,
  TransferParticipant,
  GetTeam,
  CreatePlacement,
  ListPlacements,
  GetPlacement,
  CancelPlacement,
  ResendPlacementLink,
  PostPlacementOutcome,
  CreateRecognitionCase,
  ListRecognitionCases,
  GetRecognitionCase,
  OpenRecognitionCase,
  UpdateRecognitionDocuments,
  PostRecognitionEvent,
  PostRecognitionCost,
  ExitParticipant,
  CorrectExit,
  GetKpis,
  GetKpisCsv,
  GetKpisXlsx,
  GetParticipantsCsv,
  GetEmployerPage,
  PostEmployerPage,
  GetDataNotice,
] as const satisfies readonly RouteContract[];
