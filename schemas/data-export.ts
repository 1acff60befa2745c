/**
 * Plain values of the access export (no schemas: the functions read them at run time). Every kind
 * of item the table holds about a person, in the order the document shows them.
 */
export const DATA_EXPORT_FORMAT = 'biwaq.data-export/1' as const;

export const DATA_EXPORT_KINDS = [
  'Participant',
  'Submission',
  'ParticipantSubmission',
  'Identity',
  'ReferenceLookup',
  'NameIndexEntry',
  'Placement',
  'EmployerLink',
  'RecognitionCase',
  'TeamNotice',
  'Audit',
] as const;
export type DataExportKind = (typeof DATA_EXPORT_KINDS)[number];

export const DATA_EXPORT_AUDIT_ACTION = 'participant.data_export';
