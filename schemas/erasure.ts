/**
 * Erasure (Art. 17 GDPR) and restriction (Art. 18): the values a lead chooses and the answers.
 * Reasons are codes, never free text: they end up in the audit trail, which holds no personal data.
 */

/** Why a lead asks for an erasure: the person's request, a withdrawn consent, an objection, unlawful processing. */
export const ERASURE_REASONS = ['data_subject_request', 'consent_withdrawn', 'objection', 'unlawful_processing'] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];

/** Why a lead reads a restricted person's record (Art. 18(2)): the only purposes still allowed. */
export const RESTRICTED_READ_REASONS = ['access_request', 'legal_claim', 'funder_audit', 'supervisory_authority'] as const;
export type RestrictedReadReason = (typeof RESTRICTED_READ_REASONS)[number];

/** `erased`: nothing about the person is left; `restricted`: kept for the funder's duty, hidden, erased when it ends. */
export const ERASURE_OUTCOMES = ['erased', 'restricted'] as const;

/** The audit actions of this part; the site-level entry of an erasure names no person. */
export const ERASURE_AUDIT_ACTIONS = {
  erased: 'participant.erased',
  restricted: 'participant.restricted',
  restrictedRead: 'participant.restricted_read',
} as const;
