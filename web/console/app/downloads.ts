import { useRef, useState } from 'preact/hooks';
import type { Download } from './session.js';

/** What the last download said, for a `role="status"` line under the buttons. */
export type DownloadResult = { ok: boolean; text: string };

/** Saves a fetched file the way a plain link would (the fetch carried the token; a link cannot). */
function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The download buttons' state (the figures' files, the participant's data export): one download
 * at a time however often pressed, which button is busy, and what came of it. `failed` is said
 * when the server answered without a message of its own.
 */
export function useDownloads<K extends string>(failed: string) {
  const [busy, setBusy] = useState<K | null>(null);
  const [result, setResult] = useState<DownloadResult | null>(null);
  const sending = useRef(false);

  const save = async (key: K, fetchFile: () => Promise<Download>): Promise<void> => {
    if (sending.current) return;
    sending.current = true;
    setBusy(key);
    setResult(null);
    try {
      const file = await fetchFile();
      if (!file.ok) return setResult({ ok: false, text: file.message ?? failed });
      saveFile(file.blob, file.filename);
      setResult({ ok: true, text: `Heruntergeladen: ${file.filename}` });
    } catch {
      setResult({ ok: false, text: 'Keine Verbindung zum Server. Bitte versuchen Sie es gleich noch einmal.' });
    } finally {
      sending.current = false;
      setBusy(null);
    }
  };
  return { busy, result, save };
}
