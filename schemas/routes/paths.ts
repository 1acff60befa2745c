/**
 * Each route's method and path, written once. The contracts (schemas/routes/*.ts) take them from
 * here, and so does the pages' typed client (web/common/api-client.ts), which must not bundle the
 * contracts' schemas (a phone-first page stays small).
 */
export const ROUTE_PATHS = {
  GetHealth: { method: 'GET', path: '/health' },
  GetIntakeForm: { method: 'GET', path: '/api/forms/intake' },
  PostIntake: { method: 'POST', path: '/api/intake' },
  GetStaffMe: { method: 'GET', path: '/api/staff/me' },
  ListParticipants: { method: 'GET', path: '/api/staff/participants' },
  GetParticipant: { method: 'GET', path: '/api/staff/participants/{id}' },
  GetParticipantAudit: { method: 'GET', path: '/api/staff/participants/{id}/audit' },
  RecordFirstContact: { method: 'POST', path: '/api/staff/participants/{id}/contact' },
  WithdrawParticipant: { method: 'POST', path: '/api/staff/participants/{id}/withdraw' },
  ExitParticipant: { method: 'POST', path: '/api/staff/participants/{id}/exit' },
  CorrectExit: { method: 'POST', path: '/api/staff/participants/{id}/exit/corrections' },
  GetKpis: { method: 'GET', path: '/api/staff/reports/kpis' },
  GetKpisCsv: { method: 'GET', path: '/api/staff/reports/kpis.csv' },
  GetKpisXlsx: { method: 'GET', path: '/api/staff/reports/kpis.xlsx' },
  GetParticipantsCsv: { method: 'GET', path: '/api/staff/reports/participants.csv' },
  SearchParticipants: { method: 'GET', path: '/api/staff/participants/search' },
  GetToday: { method: 'GET', path: '/api/staff/today' },
  AssignParticipant: { method: 'POST', path: '/api/staff/participants/{id}/assign' },
  TransferParticipant: { method: 'POST', path: '/api/staff/participants/{id}/transfer' },
  GetTeam: { method: 'GET', path: '/api/staff/team' },
  CreatePlacement: { method: 'POST', path: '/api/staff/placements' },
  ListPlacements: { method: 'GET', path: '/api/staff/placements' },
  GetPlacement: { method: 'GET', path: '/api/staff/placements/{id}' },
  CancelPlacement: { method: 'POST', path: '/api/staff/placements/{id}/cancel' },
  ResendPlacementLink: { method: 'POST', path: '/api/staff/placements/{id}/resend' },
  PostPlacementOutcome: { method: 'POST', path: '/api/staff/placements/{id}/outcome' },
  CreateRecognitionCase: { method: 'POST', path: '/api/staff/recognition-cases' },
  ListRecognitionCases: { method: 'GET', path: '/api/staff/recognition-cases' },
  GetRecognitionCase: { method: 'GET', path: '/api/staff/recognition-cases/{id}' },
  OpenRecognitionCase: { method: 'POST', path: '/api/staff/recognition-cases/{id}/open' },
  UpdateRecognitionDocuments: { method: 'PATCH', path: '/api/staff/recognition-cases/{id}/documents' },
  PostRecognitionEvent: { method: 'POST', path: '/api/staff/recognition-cases/{id}/events' },
  PostRecognitionCost: { method: 'POST', path: '/api/staff/recognition-cases/{id}/costs' },
  GetParticipantDataExport: { method: 'GET', path: '/api/staff/participants/{id}/data-export' },
  GetParticipantDataExportDocument: { method: 'GET', path: '/api/staff/participants/{id}/data-export.html' },
  RequestErasure: { method: 'POST', path: '/api/staff/participants/{id}/erasure' },
  ReadRestrictedParticipant: { method: 'POST', path: '/api/staff/participants/{id}/restricted-read' },
  GetEmployerPage: { method: 'GET', path: '/p/{linkId}' },
  PostEmployerPage: { method: 'POST', path: '/p/{linkId}' },
  GetDataNotice: { method: 'GET', path: '/datenschutz' },
} as const;

export type RouteId = keyof typeof ROUTE_PATHS;
