/**
 * The intake follow-up's rule: a first contact is due within 2 NRW working days of the intake
 * (then the site team is reminded) and within 5 (then the site lead is told).
 */
export const REMINDER_WORKING_DAYS = 2;
export const ESCALATION_WORKING_DAYS = 5;
