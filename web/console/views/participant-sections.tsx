import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { BodyOf } from '../../common/api-client.js';
import { ageOn, berlinToday, formatDateTime, formatShortDay } from '../app/format.js';
import {
  AUDIT_ACTIONS,
  DOCUMENT_LABELS,
  EDUCATION_LABELS,
  EMPLOYMENT_LABELS,
  GENDER_LABELS,
  HELP_LABELS,
  PART2_ANSWER_LABELS,
  PART2_QUESTIONS,
  AUDIT_ROLE_LABELS,
  PLACEMENT_OUTCOME_LABELS,
  COST_KIND_LABELS,
  FACT_TYPE_LABELS,
  countryName,
  labelOf,
  languageName,
} from '../app/labels.js';
import { call, type Me } from '../app/session.js';
import { Notice, Reference } from '../components/common.js';

/** The record's read-only parts: entry data, further submissions (duplicates), audit trail. */

export type ParticipantRecord = BodyOf<'GetParticipant'>;
type Entry = ParticipantRecord['participant']['entry'];
type Audit = ParticipantRecord['audit'][number];

function Row({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="facts__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function EntrySection({ record }: { record: ParticipantRecord }) {
  const { entry, consent, lang } = record.participant;
  const { person, contact } = entry;
  const age = ageOn(person.dateOfBirth, berlinToday());
  return (
    <section class="card" aria-labelledby="entry-title">
      <h2 id="entry-title">Angaben bei der Anmeldung</h2>
      <h3 class="facts__title">Person</h3>
      <dl class="facts">
        <Row label="Vorname">
          <bdi>{person.firstName}</bdi>
        </Row>
        <Row label="Nachname">
          <bdi>{person.lastName}</bdi>
        </Row>
        <Row label="Geburtsdatum">
          {formatShortDay(person.dateOfBirth)}
          {age !== undefined ? ` (${age} Jahre)` : ''}
        </Row>
        <Row label="Geschlecht">{labelOf(GENDER_LABELS, person.gender)}</Row>
        <Row label="Adresse">
          <bdi>{person.address.street}</bdi>, <bdi>{`${person.address.postcode} ${person.address.city}`}</bdi>
        </Row>
        <Row label="Sprache der Anmeldung">{languageName(lang)}</Row>
      </dl>
      <h3 class="facts__title">Kontakt</h3>
      <dl class="facts">
        <Row label="E-Mail">{contact.email ? <a href={`mailto:${contact.email}`} dir="ltr">{contact.email}</a> : 'keine angegeben'}</Row>
        <Row label="Telefon">
          {contact.phone ? (
            <a href={`tel:${contact.phone}`} dir="ltr">
              {contact.phone}
            </a>
          ) : (
            'keine angegeben'
          )}
        </Row>
      </dl>
      <h3 class="facts__title">Arbeit und Bildung</h3>
      <dl class="facts">
        <Row label="Erwerbsstatus">{labelOf(EMPLOYMENT_LABELS, entry.employment.status)}</Row>
        <Row label="Höchster Abschluss">{labelOf(EDUCATION_LABELS, entry.education.level)}</Row>
        <Row label="Gewünschte Hilfe">
          <HelpList help={entry.help} />
        </Row>
      </dl>
      {entry.qualification && <QualificationFacts qualification={entry.qualification} />}
      <details class="details">
        <summary class="details__summary">Freiwillige Angaben (Teil 2, besonders geschützt)</summary>
        <dl class="facts">
          {(Object.keys(PART2_QUESTIONS) as (keyof typeof PART2_QUESTIONS)[]).map((k) => (
            <Row key={k} label={PART2_QUESTIONS[k]}>
              {labelOf(PART2_ANSWER_LABELS, entry.part2[k])}
            </Row>
          ))}
        </dl>
      </details>
      <p class="muted">
        Datenschutzhinweis (Fassung {consent.noticeVersion}) zugestimmt am {formatDateTime(consent.acceptedAt)}.{' '}
        {consent.specialCategories
          ? `Gesonderte Einwilligung zu Migrationshintergrund und Behinderung (Art. 9 DSGVO) am ${formatDateTime(consent.specialCategories.acceptedAt)}.`
          : 'Keine gesonderte Einwilligung zu Migrationshintergrund und Behinderung (Art. 9 DSGVO).'}
      </p>
    </section>
  );
}

export function HelpList({ help }: { help: readonly string[] }) {
  return (
    <ul class="tags">
      {help.map((h) => (
        <li key={h} class="tag">
          {labelOf(HELP_LABELS, h)}
        </li>
      ))}
    </ul>
  );
}

function QualificationFacts({ qualification: q }: { qualification: NonNullable<Entry['qualification']> }) {
  return (
    <>
      <h3 class="facts__title">Abschluss aus dem Ausland</h3>
      <dl class="facts">
        <Row label="Land">{countryName(q.country)}</Row>
        <Row label="Beruf oder Fach">
          <bdi>{q.profession}</bdi>
        </Row>
        <Row label="Jahr">{q.year}</Row>
        <Row label="Unterlagen">{q.documents.length ? q.documents.map((d) => labelOf(DOCUMENT_LABELS, d)).join(', ') : 'keine angegeben'}</Row>
      </dl>
    </>
  );
}

/** Which contact details of a further submission differ from the record's. */
function differences(a: Entry, b: Entry | null): string {
  if (!b) return 'nicht mehr gespeichert';
  const diff: string[] = [];
  if ((a.contact.email ?? '') !== (b.contact.email ?? '')) diff.push('E-Mail');
  if ((a.contact.phone ?? '') !== (b.contact.phone ?? '')) diff.push('Telefon');
  const addr = (e: Entry) => `${e.person.address.street}|${e.person.address.postcode}|${e.person.address.city}`;
  if (addr(a) !== addr(b)) diff.push('Adresse');
  if (a.employment.status !== b.employment.status) diff.push('Erwerbsstatus');
  if (a.education.level !== b.education.level) diff.push('Abschluss');
  if ([...a.help].sort().join() !== [...b.help].sort().join()) diff.push('gewünschte Hilfe');
  return diff.length ? diff.join(', ') : 'keine';
}

export function DuplicatesSection({ record, lead }: { record: ParticipantRecord; me: Me; lead: boolean }) {
  const { flagged, submissions } = record.duplicates;
  if (!flagged) return null;
  const n = submissions.length;
  // One person, one project: a registration through another site stays with this record.
  const otherSites = [...new Map(submissions.filter((s) => s.otherSite).map((s) => [s.fromSite.id, s.fromSite.name])).values()];
  return (
    <section class="card card--warning" aria-labelledby="dup-title">
      <h2 id="dup-title">Mögliches Duplikat</h2>
      <p>
        {n === 1 ? 'Diese Person hat sich ein weiteres Mal angemeldet' : `Diese Person hat sich ${n} weitere Male angemeldet`} (gleicher Name, Geburtsdatum und
        Postleitzahl). Die Anmeldungen sind dieser Akte zugeordnet; es zählt nur eine Person.
      </p>
      {otherSites.length > 0 && (
        <p class="notice notice--warning">
          <strong>Auch bei {otherSites.join(' und ')} angemeldet.</strong> Bitte stimmen Sie sich mit {otherSites.join(' und ')} ab, wer die Person betreut.
          {lead ? ' Soll sie dort betreut werden, können Sie die Akte übergeben („Was ist zu tun?“).' : ' Eine Übergabe kann die Leitung veranlassen.'}
        </p>
      )}
      <div class="table-scroll">
        <table class="table table--compact">
          <caption class="visually-hidden">Weitere Anmeldungen dieser Person</caption>
          <thead>
            <tr>
              <th scope="col">Nummer</th>
              <th scope="col">Eingegangen</th>
              <th scope="col">Über</th>
              <th scope="col">Abweichende Angaben</th>
            </tr>
          </thead>
          <tbody>
            {submissions.map((s) => (
              <tr key={s.reference}>
                <th scope="row">
                  <Reference value={s.reference} />
                </th>
                <td>{formatDateTime(s.receivedAt)}</td>
                <td>{s.otherSite ? `${s.fromSite.name} (anderer Standort)` : s.fromSite.name}</td>
                <td>{differences(record.participant.entry, s.entry)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const shortId = (sub: string) => `ID ${sub.slice(0, 8)}`;

/** Names the console knows for ids in audit details (the record's assignee, the sites it has seen). */
export interface AuditContext {
  me: Me;
  people: Record<string, string>;
  sites: Record<string, string>;
}

export function auditContext(record: ParticipantRecord, me: Me): AuditContext {
  const p = record.participant;
  const people: Record<string, string> = {};
  if (p.assignedTo) people[p.assignedTo.sub] = p.assignedTo.username;
  const sites: Record<string, string> = {};
  if (me.site) sites[me.site.id] = me.site.name;
  if (p.transferredFrom) sites[p.transferredFrom.site.id] = p.transferredFrom.site.name;
  for (const s of record.duplicates.submissions) sites[s.fromSite.id] = s.fromSite.name;
  return { me, people, sites };
}

/** What an entry's detail adds: whom it was assigned to, between which sites it moved. */
function detailText(a: Audit, ctx: AuditContext): string {
  const d = a.detail ?? {};
  if (a.action === 'participant.assigned' && typeof d['assignedTo'] === 'string') {
    const sub = d['assignedTo'];
    return ` an ${sub === ctx.me.sub ? 'Sie' : (ctx.people[sub] ?? shortId(sub))}`;
  }
  if (a.action === 'participant.transferred' && typeof d['fromSite'] === 'string' && typeof d['toSite'] === 'string')
    return ` von ${ctx.sites[d['fromSite']] ?? d['fromSite']} an ${ctx.sites[d['toSite']] ?? d['toSite']}`;
  if (a.action === 'placement.outcome' && typeof d['outcome'] === 'string') return `: ${labelOf(PLACEMENT_OUTCOME_LABELS, d['outcome'])}`;
  if (a.action === 'recognition.fact' && typeof d['type'] === 'string') return ` (${labelOf(FACT_TYPE_LABELS, d['type'])}${d['supersedes'] ? ', Korrektur' : ''})`;
  if (a.action === 'recognition.cost' && typeof d['kind'] === 'string') return ` (${labelOf(COST_KIND_LABELS, d['kind'])})`;
  return '';
}

/** "Gelesen von Beratung (ID 3f2a9c1e) am 3. Juni 2027 um 14:05" — who is a pseudonymous id and a role, never a name. */
export function auditText(a: Audit, ctx: AuditContext): string {
  const what = AUDIT_ACTIONS[a.action] ?? a.action;
  if (a.role === 'employer') return `${what}${detailText(a, ctx)} vom Betrieb (über seinen Link) am ${formatDateTime(a.at)}`;
  const who = `${labelOf(AUDIT_ROLE_LABELS, a.role)} (${shortId(a.actor)}${a.actor === ctx.me.sub ? ', Sie' : ''})`;
  return `${what}${detailText(a, ctx)} von ${who} am ${formatDateTime(a.at)}`;
}

export function AuditSection({ record, me }: { record: ParticipantRecord; me: Me }) {
  const id = record.participant.id;
  // Older pages (newest first) are appended below; the record's own page comes oldest first.
  const [older, setOlder] = useState<{ items: Audit[]; cursor: string | null; loading: boolean; problem: boolean }>({ items: [], cursor: record.auditCursor, loading: false, problem: false });
  const entries = [...[...record.audit].reverse(), ...older.items];
  const ctx = auditContext(record, me);
  const loadOlder = async () => {
    if (older.loading || !older.cursor) return;
    setOlder((o) => ({ ...o, loading: true, problem: false }));
    try {
      const res = await call('GetParticipantAudit', { params: { id }, query: { cursor: older.cursor } });
      if (!res.ok) throw new Error(String(res.status));
      const page = res.body;
      setOlder((o) => ({ items: [...o.items, ...page.items], cursor: page.cursor, loading: false, problem: false }));
    } catch {
      setOlder((o) => ({ ...o, loading: false, problem: true }));
    }
  };
  return (
    <section class="card" aria-labelledby="audit-title">
      <h2 id="audit-title">Protokoll</h2>
      <p class="muted">Wer die Akte gelesen oder geändert hat, neueste zuerst.</p>
      <ul class="audit">
        {entries.map((a, i) => (
          <li key={`${a.at}-${i}`}>{auditText(a, ctx)}</li>
        ))}
      </ul>
      {older.problem && (
        <Notice kind="error" role="alert">
          <p>Ältere Einträge konnten nicht geladen werden.</p>
        </Notice>
      )}
      {older.cursor && (
        <button type="button" class="button button--secondary" aria-disabled={older.loading ? 'true' : undefined} onClick={() => void loadOlder()}>
          {older.loading ? 'Wird geladen …' : 'Ältere Einträge laden'}
        </button>
      )}
    </section>
  );
}
