import type { Entry } from '../../schemas/model/entry.js';
import type { Participant } from '../../schemas/model/participant.js';
import { addCounts, monthOf, placementRate, zeroCounts, type Counts } from './figures.js';
import type { CsvValue } from './csv.js';

/** The rows of the exports, in German: figures per site and month, and the lead's participant rows. */

export const KPI_HEADER = [
  'Standort',
  'Eintrittsmonat',
  'Teilnehmende',
  'Arbeitslose',
  'Langzeitarbeitslose',
  'Mit Migrationshintergrund',
  'Beschäftigung aufgenommen',
  'Ausbildung begonnen',
  'Verbesserte Beschäftigungsfähigkeit',
  'Vermittlungsquote',
] as const;

export interface KpiRow {
  site: string;
  month: string;
  counts: Counts;
  rate: number;
}

export const TOTAL_MONTH = 'gesamt';
export const ALL_SITES = 'Alle Standorte';

/**
 * One row per site and month with entries (ascending), then the site's total; after all sites
 * the project's total. `days` are the site's counter items (day and counts).
 */
export function kpiRows(sites: readonly { name: string; days: readonly (Counts & { day: string })[] }[]): KpiRow[] {
  const rows: KpiRow[] = [];
  const all = zeroCounts();
  for (const s of sites) {
    const months = new Map<string, Counts>();
    for (const d of s.days) addCounts(months.get(monthOf(d.day)) ?? months.set(monthOf(d.day), zeroCounts()).get(monthOf(d.day))!, d);
    const total = zeroCounts();
    for (const [month, c] of [...months].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (c.participants === 0 && c.employment + c.training + c.improvedProspects === 0) continue;
      rows.push({ site: s.name, month, counts: c, rate: placementRate(c) });
      addCounts(total, c);
    }
    rows.push({ site: s.name, month: TOTAL_MONTH, counts: total, rate: placementRate(total) });
    addCounts(all, total);
  }
  if (sites.length > 1) rows.push({ site: ALL_SITES, month: TOTAL_MONTH, counts: all, rate: placementRate(all) });
  return rows;
}

const GENDER: Record<string, string> = { female: 'weiblich', male: 'männlich', non_binary: 'nicht-binär' };
const EMPLOYMENT: Record<string, string> = { unemployed: 'arbeitslos', long_term_unemployed: 'langzeitarbeitslos', inactive: 'nicht erwerbstätig', employed: 'erwerbstätig' };
const EDUCATION: Record<string, string> = { isced_0_2: 'ISCED 0–2', isced_3_4: 'ISCED 3–4', isced_5_8: 'ISCED 5–8' };
const ANSWER: Record<string, string> = { yes: 'ja', no: 'nein', no_answer: 'keine Angabe' };
const OUTCOME: Record<string, string> = { employment: 'Beschäftigung', training: 'Ausbildung', improved_prospects: 'verbesserte Beschäftigungsfähigkeit', none: 'keines davon' };
const REASON: Record<string, string> = { qualification_completed: 'Qualifizierung abgeschlossen', recognition_achieved: 'Anerkennung erreicht', language_level: 'Sprachniveau erreicht', other: 'anderer Grund' };
const EMPLOYMENT_KIND: Record<string, string> = { social_insurance: 'sozialversicherungspflichtig', marginal: 'geringfügig', self_employed: 'selbstständig' };
const EXIT_STATUS: Record<string, string> = { employed: 'erwerbstätig', self_employed: 'selbstständig', unemployed: 'arbeitslos', inactive: 'nicht erwerbstätig' };

/** The participant export's columns: what the ESF Plus monitoring asks, nothing more (no name, birth date, address, contact, employer, notes). */
export const PARTICIPANT_HEADER = [
  'Teilnahme-Nr.',
  'Standort',
  'Eintrittsdatum',
  'Geschlecht',
  'Alter bei Eintritt',
  'Erwerbsstatus bei Eintritt',
  'Höchster Bildungsabschluss',
  'Migrationshintergrund',
  'Drittstaatsangehörig',
  'Behinderung',
  'Wohnungslosigkeit',
  'Austrittsdatum',
  'Ergebnis',
  'Grund der Verbesserung',
  'Art der Beschäftigung',
  'Erwerbsstatus bei Austritt',
  'Arbeitsuchend bei Austritt',
  'In Bildung oder Ausbildung bei Austritt',
  'Qualifikation erworben',
  'Austritt korrigiert',
] as const;

/** Full years between the date of birth and the entry day (both `YYYY-MM-DD`). */
export function ageOn(dateOfBirth: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return day.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

export function participantRow(p: Pick<Participant, 'reference' | 'exit' | 'exitHistory'> & { entry: Entry }, siteName: string, entryDay: string): CsvValue[] {
  const e = p.entry;
  const x = p.exit;
  return [
    p.reference,
    siteName,
    entryDay,
    GENDER[e.person.gender],
    ageOn(e.person.dateOfBirth, entryDay),
    EMPLOYMENT[e.employment.status],
    EDUCATION[e.education.level],
    ANSWER[e.part2.migrantBackground],
    ANSWER[e.part2.thirdCountryNational],
    ANSWER[e.part2.disability],
    ANSWER[e.part2.homelessness],
    x?.date,
    x ? OUTCOME[x.outcome] : undefined,
    x?.improvedReason ? REASON[x.improvedReason] : undefined,
    x?.employmentKind ? EMPLOYMENT_KIND[x.employmentKind] : undefined,
    x ? EXIT_STATUS[x.situation.employmentStatus] : undefined,
    x ? ANSWER[x.situation.jobSearching] : undefined,
    x ? ANSWER[x.situation.inEducationOrTraining] : undefined,
    x ? ANSWER[x.situation.qualificationGained] : undefined,
    x ? (p.exitHistory?.length ? 'ja' : 'nein') : undefined,
  ];
}
