import { useRef, useState } from 'preact/hooks';
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
  const [busy, setBusy] = useState<DownloadId | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const sending = useRef(false);
  const files = FILES.filter((f) => f.roles.includes(me.role));

  const save = async (id: DownloadId) => {
    if (sending.current) return; // one download at a time, however often pressed
    sending.current = true;
    setBusy(id);
    setResult(null);
    try {
      // The participant export is always the lead's own site: it takes the period only.
      const q = id === 'GetParticipantsCsv' ? { from: query.from, to: query.to } : query;
      const res = await download(id, q);
      if (!res.ok) {
        setResult({ ok: false, text: res.message ?? 'Die Datei konnte nicht erstellt werden. Bitte versuchen Sie es noch einmal.' });
        return;
      }
      const url = URL.createObjectURL(res.blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = res.filename;
      a.hidden = true;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setResult({ ok: true, text: `Heruntergeladen: ${res.filename}` });
    } catch {
      setResult({ ok: false, text: 'Keine Verbindung zum Server. Bitte versuchen Sie es gleich noch einmal.' });
    } finally {
      sending.current = false;
      setBusy(null);
    }
  };

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
