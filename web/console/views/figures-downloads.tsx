import { useDownloads } from '../app/downloads.js';
import { download, type DownloadId, type Me } from '../app/session.js';

/**
 * The exports of the figures page: the figures per site and month as CSV and XLSX (leads and
 * coordinators), the site's participant-level ESF Plus data as CSV (leads), and printing. Files
 * are fetched with the signed-in user's token and saved from a Blob (a plain link would carry no
 * token). Each export is audited by the API.
 */

const FILES: { id: DownloadId; label: string; roles: readonly Me['role'][] }[] = [
  { id: 'GetKpisCsv', label: 'Zahlen als CSV', roles: ['lead', 'coordinator'] },
  { id: 'GetKpisXlsx', label: 'Zahlen als Excel (XLSX)', roles: ['lead', 'coordinator'] },
  { id: 'GetParticipantsCsv', label: 'Teilnehmende (ESF Plus) als CSV', roles: ['lead'] },
];

export function FigureDownloads({ me, query }: { me: Me; query: { from?: string | undefined; to?: string | undefined; site?: string | undefined } }) {
  const { busy, result, save: saveAs } = useDownloads<DownloadId>('Die Datei konnte nicht erstellt werden. Bitte versuchen Sie es noch einmal.');
  const files = FILES.filter((f) => f.roles.includes(me.role));
  // The participant export is always the lead's own site: it takes the period only.
  const save = (id: DownloadId) => saveAs(id, () => download(id, id === 'GetParticipantsCsv' ? { from: query.from, to: query.to } : query));

  return (
    <section class="card no-print" aria-labelledby="downloads-title">
      <h2 id="downloads-title">{files.length ? 'Herunterladen und drucken' : 'Drucken'}</h2>
      {files.length > 0 && (
        <p class="muted">
          Zahlen je Standort und Eintrittsmonat für den gewählten Zeitraum. Die CSV-Datei öffnet Excel direkt (UTF-8, Semikolon). Jeder Download wird protokolliert.
        </p>
      )}
      <div class="actions actions--start">
        {files.map((f) => (
          <button
            key={f.id}
            type="button"
            class={busy === f.id ? 'button button--secondary button--busy' : 'button button--secondary'}
            aria-disabled={busy ? 'true' : undefined}
            onClick={() => void save(f.id)}
          >
            {busy === f.id ? 'Wird erstellt …' : f.label}
          </button>
        ))}
        <button type="button" class="button button--secondary" onClick={() => window.print()}>
          Drucken
        </button>
      </div>
      <div role="status" class={result ? (result.ok ? 'notice notice--success' : 'notice notice--error') : undefined}>
        {result && <p>{result.text}</p>}
      </div>
    </section>
  );
}
