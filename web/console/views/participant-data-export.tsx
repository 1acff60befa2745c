import { useDownloads } from '../app/downloads.js';
import { languageName } from '../app/labels.js';
import { download, type Me } from '../app/session.js';
import type { ParticipantRecord } from './participant-sections.js';

/**
 * "Datenauskunft" (Art. 15 GDPR): the copy of everything stored about the person, to hand over on
 * the spot — a document in German and in the person's language (to print or save as PDF) and the
 * JSON. Fetched with the signed-in user's token and saved from a Blob, like the figures' files.
 * The server decides who may (a lead; the counsellor assigned, or anyone on the team while nobody
 * is) and audits each export; the section is shown to exactly those.
 */
export function DataExportSection({ record, me }: { record: ParticipantRecord; me: Me }) {
  const p = record.participant;
  const { busy, result, save: saveAs } = useDownloads<string>('Die Auskunft konnte nicht erstellt werden. Bitte versuchen Sie es noch einmal.');
  const mayExport = me.role === 'lead' || (me.role === 'staff' && (!p.assignedTo || p.assignedTo.sub === me.sub));
  if (!mayExport) return null;

  const save = (what: string) =>
    saveAs(what, () => (what === 'json' ? download('GetParticipantDataExport', {}, { id: p.id }) : download('GetParticipantDataExportDocument', { lang: what }, { id: p.id })));

  const buttons = [
    { what: 'de', label: 'Datenauskunft' },
    ...(p.lang !== 'de' ? [{ what: p.lang, label: `Datenauskunft auf ${languageName(p.lang)}` }] : []),
    { what: 'json', label: 'Daten als JSON' },
  ];
  return (
    <section class="card no-print" aria-labelledby="data-export-title">
      <h2 id="data-export-title">Datenauskunft</h2>
      <p class="muted">Alles, was über diese Person gespeichert ist (Art. 15 DSGVO): als Dokument zum Ausdrucken oder Speichern als PDF, auf Deutsch und in ihrer Sprache, und als JSON. Jede Auskunft wird protokolliert.</p>
      <div class="actions actions--start">
        {buttons.map((b) => (
          <button
            key={b.what}
            type="button"
            class={busy === b.what ? 'button button--secondary button--busy' : 'button button--secondary'}
            aria-disabled={busy ? 'true' : undefined}
            onClick={() => void save(b.what)}
          >
            {busy === b.what ? 'Wird erstellt …' : b.label}
          </button>
        ))}
      </div>
      <div role="status" class={result ? (result.ok ? 'notice notice--success' : 'notice notice--error') : undefined}>
        {result && <p>{result.text}</p>}
      </div>
    </section>
  );
}
