import { useState } from 'preact/hooks';
import { languageName } from '../app/labels.js';
import { callText, type Me } from '../app/session.js';
import type { ParticipantRecord } from './participant-sections.js';

/**
 * "Datenauskunft" (Art. 15 GDPR): the copy of everything stored about the person, to hand over on
 * the spot — a document in German and in the person's language (to print or save as PDF) and the
 * JSON. The server decides who may (a lead; the counsellor assigned, or anyone on the team while
 * nobody is) and audits each export; the section is shown to exactly those.
 */
export function DataExportSection({ record, me }: { record: ParticipantRecord; me: Me }) {
  const p = record.participant;
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const mayExport = me.role === 'lead' || (me.role === 'staff' && (!p.assignedTo || p.assignedTo.sub === me.sub));
  if (!mayExport) return null;

  async function download(what: 'json' | 'de' | typeof p.lang) {
    setBusy(what);
    setProblem(null);
    try {
      const res =
        what === 'json'
          ? await callText('GetParticipantDataExport', { params: { id: p.id } })
          : await callText('GetParticipantDataExportDocument', { params: { id: p.id }, query: { lang: what } });
      if (!res.ok) {
        setProblem(res.status === 403 ? 'Diese Auskunft darf nur die Leitung oder die zuständige Beratung erstellen.' : 'Die Auskunft konnte nicht erstellt werden. Bitte versuchen Sie es noch einmal.');
        return;
      }
      const type = what === 'json' ? 'application/json' : 'text/html';
      const name = what === 'json' ? `datenauskunft-${p.reference}.json` : `datenauskunft-${p.reference}-${what}.html`;
      const url = URL.createObjectURL(new Blob([res.text], { type: `${type};charset=utf-8` }));
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch {
      setProblem('Keine Verbindung. Bitte versuchen Sie es noch einmal.');
    } finally {
      setBusy(null);
    }
  }

  return (
    <section class="card" aria-labelledby="data-export-title">
      <h2 id="data-export-title">Datenauskunft</h2>
      <p class="muted">Alles, was über diese Person gespeichert ist (Art. 15 DSGVO), zum Ausdrucken oder Speichern als PDF. Jede Auskunft wird protokolliert.</p>
      <div class="actions actions--start">
        <button type="button" class="button button--secondary" disabled={busy !== null} onClick={() => void download('de')}>
          {busy === 'de' ? 'Wird erstellt …' : 'Datenauskunft'}
        </button>
        {p.lang !== 'de' && (
          <button type="button" class="button button--secondary" disabled={busy !== null} onClick={() => void download(p.lang)}>
            {busy === p.lang ? 'Wird erstellt …' : `Datenauskunft auf ${languageName(p.lang)}`}
          </button>
        )}
        <button type="button" class="button button--secondary" disabled={busy !== null} onClick={() => void download('json')}>
          {busy === 'json' ? 'Wird erstellt …' : 'Daten als JSON'}
        </button>
      </div>
      {problem && (
        <p class="notice notice--error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
