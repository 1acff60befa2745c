import { useRef, useState } from 'preact/hooks';
import { ERASURE_REASONS, RESTRICTED_READ_REASONS, type ErasureReason, type RestrictedReadReason } from '../../../schemas/erasure.js';
import { formatDateTime } from '../app/format.js';
import { call, type Me } from '../app/session.js';
import type { ParticipantRecord } from './participant-sections.js';

/**
 * Erasure (Art. 17 GDPR) and the reasoned read of a restricted person (Art. 18), for leads. The
 * server decides between erasing now and restricting until the funder's duty ends; the page says
 * which happened. Reasons are codes (they are audited, and the audit holds no personal data).
 */

const ERASURE_REASON_LABELS: Record<ErasureReason, string> = {
  data_subject_request: 'Die Person verlangt die Löschung',
  consent_withdrawn: 'Die Person hat ihre Einwilligung widerrufen',
  objection: 'Die Person hat widersprochen',
  unlawful_processing: 'Die Daten wurden unrechtmäßig verarbeitet',
};

const READ_REASON_LABELS: Record<RestrictedReadReason, string> = {
  access_request: 'Auskunft an die Person (Art. 15)',
  legal_claim: 'Rechtsansprüche',
  funder_audit: 'Prüfung durch den Fördergeber',
  supervisory_authority: 'Anfrage der Aufsichtsbehörde',
};

type Sent = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; text: string; ok: boolean };

/** A reason code chosen from its German labels ("Bitte wählen" first: no reason is preselected). */
function ReasonSelect<R extends string>(props: {
  id: string;
  value: R | '';
  options: readonly R[];
  labels: Record<R, string>;
  onChange: (value: R) => void;
  describedBy?: string | undefined;
  selectRef?: { current: HTMLSelectElement | null };
}) {
  return (
    <select id={props.id} ref={props.selectRef} class="input" value={props.value} aria-describedby={props.describedBy} onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value as R)}>
      <option value="">Bitte wählen</option>
      {props.options.map((r) => (
        <option key={r} value={r}>
          {props.labels[r]}
        </option>
      ))}
    </select>
  );
}

export function ErasureSection({ record, me }: { record: ParticipantRecord; me: Me }) {
  const [reason, setReason] = useState<ErasureReason | ''>('');
  const [checked, setChecked] = useState(false);
  const [sent, setSent] = useState<Sent>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const p = record.participant;
  if (me.role !== 'lead') return null;

  const submit = async () => {
    if (sent.kind === 'busy') return;
    if (!reason || !checked) {
      setError(!reason ? 'Bitte wählen Sie einen Grund.' : 'Bitte bestätigen Sie, dass Sie die Anfrage geprüft haben.');
      return;
    }
    setError(null);
    setSent({ kind: 'busy' });
    const res = await call('RequestErasure', { params: { id: p.id }, body: { version: p.version, reason } });
    if (res.ok && res.body.outcome === 'erased') setSent({ kind: 'done', ok: true, text: 'Gelöscht. Über diese Person ist nichts mehr gespeichert; das Protokoll des Standorts vermerkt die Löschung ohne Namen.' });
    else if (res.ok) setSent({ kind: 'done', ok: true, text: `Eingeschränkt: Die Förderpflicht verlangt die Aufbewahrung. Die Akte ist aus allen Listen verschwunden und wird am ${formatDateTime(res.body.erasureDueAt!)} gelöscht.` })
    else setSent({ kind: 'done', ok: false, text: res.body?.message ?? 'Das hat nicht geklappt. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.' });
  };

  return (
    <section class="card no-print" aria-labelledby="erasure-title">
      <h2 id="erasure-title">Löschung</h2>
      <p class="muted">Hat die Person nicht teilgenommen, wird alles über sie gelöscht. Hat sie teilgenommen, verlangt die ESF-Plus-Förderung die Aufbewahrung: Dann wird die Verarbeitung eingeschränkt und am Ende der Frist gelöscht. Die Zahlen bleiben unverändert.</p>
      {sent.kind === 'done' && sent.ok ? null : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label class="field__label" for="erasure-reason">
            Grund
          </label>
          {error && (
            <p id="erasure-error" class="field__error">
              <span class="visually-hidden">Fehler: </span>
              {error}
            </p>
          )}
          <ReasonSelect id="erasure-reason" value={reason} options={ERASURE_REASONS} labels={ERASURE_REASON_LABELS} onChange={setReason} describedBy={error ? 'erasure-error' : undefined} />
          <div class="field">
            <div class="choice">
              <input id="erasure-checked" type="checkbox" class="choice__input" checked={checked} onChange={(e) => setChecked((e.currentTarget as HTMLInputElement).checked)} />
              <label class="choice__label" for="erasure-checked">
                Ich habe die Anfrage und die Identität der Person geprüft.
              </label>
            </div>
          </div>
          <div class="actions actions--start">
            <button type="submit" class={sent.kind === 'busy' ? 'button button--danger button--busy' : 'button button--danger'} aria-disabled={sent.kind === 'busy' ? 'true' : undefined}>
              {sent.kind === 'busy' ? 'Wird ausgeführt …' : 'Löschung ausführen'}
            </button>
          </div>
        </form>
      )}
      <div role="status" class={sent.kind === 'done' ? (sent.ok ? 'notice notice--success' : 'notice notice--error') : undefined}>
        {sent.kind === 'done' && <p>{sent.text}</p>}
      </div>
    </section>
  );
}

type Read = { kind: 'idle' } | { kind: 'busy' } | { kind: 'read'; reference: string; name: string; due: string } | { kind: 'failed'; text: string };

/** On "not found", for a lead: a restricted person's record, read with a reason (audited). */
export function RestrictedReadForm({ id, me }: { id: string; me: Me }) {
  const [reason, setReason] = useState<RestrictedReadReason | ''>('');
  const [read, setRead] = useState<Read>({ kind: 'idle' });
  const select = useRef<HTMLSelectElement>(null);
  if (me.role !== 'lead') return null;
  const submit = async () => {
    if (read.kind === 'busy') return;
    if (!reason) {
      setRead({ kind: 'failed', text: 'Bitte wählen Sie einen Grund.' });
      select.current?.focus();
      return;
    }
    setRead({ kind: 'busy' });
    const res = await call('ReadRestrictedParticipant', { params: { id }, body: { reason } });
    if (res.ok) {
      const p = res.body.record.participant;
      setRead({ kind: 'read', reference: p.reference, name: `${p.entry.person.firstName} ${p.entry.person.lastName}`, due: res.body.restricted.erasureDueAt });
    } else setRead({ kind: 'failed', text: res.status === 404 ? 'Auch eingeschränkt ist hier keine Akte mit dieser Nummer.' : (res.body?.message ?? 'Das hat nicht geklappt.') });
  };
  return (
    <section class="card" aria-labelledby="restricted-title">
      <h2 id="restricted-title">Eingeschränkte Akte lesen</h2>
      <p class="muted">Ist die Verarbeitung dieser Person eingeschränkt (Art. 18 DSGVO), können Leitungen die Akte mit einem Grund lesen. Das Lesen wird mit dem Grund protokolliert.</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label class="field__label" for="restricted-reason">
          Grund
        </label>
        <ReasonSelect id="restricted-reason" selectRef={select} value={reason} options={RESTRICTED_READ_REASONS} labels={READ_REASON_LABELS} onChange={setReason} />
        <div class="actions actions--start">
          <button type="submit" class="button button--secondary" aria-disabled={read.kind === 'busy' ? 'true' : undefined}>
            Mit Begründung lesen
          </button>
        </div>
      </form>
      <div role="status" class={read.kind === 'read' ? 'notice notice--success' : read.kind === 'failed' ? 'notice notice--error' : undefined}>
        {read.kind === 'read' && (
          <p>
            {read.name} ({read.reference}): eingeschränkt, Löschung am {formatDateTime(read.due)}.
          </p>
        )}
        {read.kind === 'failed' && <p>{read.text}</p>}
      </div>
    </section>
  );
}
