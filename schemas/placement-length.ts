/**
 * How long a trial placement may run (§45 SGB III), from the first to the last day, both
 * counted: at most 6 weeks (42 days); at most 12 weeks (84 days) for a long-term unemployed
 * participant when the counsellor records serious placement obstacles (§45(2) and (8)). Each
 * placement counts on its own.
 *
 * Shared by the API (which enforces it) and the console's proposal form (which checks it as the
 * counsellor types), so both say the same. No imports: the console bundles this file as it is.
 */

export const MAX_PLACEMENT_DAYS = 42;
export const MAX_PLACEMENT_DAYS_WITH_OBSTACLES = 84;

/** The longest a placement may run for this participant. */
export function maxPlacementDays(employmentStatus: string, seriousObstacles: boolean): number {
  return employmentStatus === 'long_term_unemployed' && seriousObstacles ? MAX_PLACEMENT_DAYS_WITH_OBSTACLES : MAX_PLACEMENT_DAYS;
}

/** Calendar days from the first to the last day, both counted (1 for a one-day placement). */
export function placementDays(startDate: string, endDate: string): number {
  return Math.round((Date.parse(`${endDate}T00:00:00Z`) - Date.parse(`${startDate}T00:00:00Z`)) / 86_400_000) + 1;
}
