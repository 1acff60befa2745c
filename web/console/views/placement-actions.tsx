import { useState } from 'preact/hooks';
import type { PlacementOutcome } from '../../../schemas/placements.js';
import { PLACEMENT_OUTCOME_LABELS } from '../app/labels.js';
import { call } from '../app/session.js';
import { Buttons, Choices, Conflict, FieldError, FormFrame, oneLine, useSend, type FieldErrors, type FormProps, type Saved } from '../components/forms.js';

/**
 * What a counsellor can do with a placement: cancel it (the employer is told if they were asked),
 * send the employer a new link (the old one stops working), record the hiring decision the
 * employer gave by phone. Each sends the version the user saw; a stale one is a 409 with a reload
 * that keeps the input (components/forms.tsx).
 */

export type PlacementAction = 'cancel' | 'resend' | 'outcome';

export type PlacementFormProps = Omit<FormProps, 'participantId'> & { placementId: string };

function ReasonField({ id, label, help, value, error, onInput }: { id: string; label: string; help: string; value: string; error: string | undefined; onInput: (v: string) => void }) {
  return (
    <div class={error ? 'field field--invalid' : 'field'}>
      <label class="field__label" for={id}>
        {label}
      </label>
      <p id={`${id}-help`} class="field__help">
        {help}
      </p>
      <FieldError id={`${id}-error`} message={error} />
      <textarea
        id={id}
        class="input input--textarea"
        rows={3}
        maxLength={500}
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error ${id}-help` : `${id}-help`}
        onInput={(e) => onInput((e.currentTarget as HTMLTextAreaElement).value)}
      />
    </div>
  );
}

export function CancelPlacementForm(props: PlacementFormProps & { employerAsked: boolean }) {
  const [reason, setReason] = useState('');
  const { state, submit, reload, formRef } = useSend(
    props,
    () => ({}),
    () => {
      const r = oneLine(reason);
      return call('CancelPlacement', { params: { id: props.placementId }, body: { version: props.version, ...(r ? { reason: r } : {}) } });
    },
    (): Saved => ({ kind: 'cancel', message: props.employerAsked ? 'Erprobung abgesagt. Der Betrieb wird per E-Mail informiert.' : 'Erprobung abgesagt.' }),
  );
  return (
    <FormFrame title="Erprobung absagen" formRef={formRef} onSubmit={(ev) => void submit(ev)}>
      <p class="muted">
        Der Ablauf endet; es gehen keine Erinnerungen mehr hinaus.{props.employerAsked ? ' Der Betrieb bekommt eine kurze Absage, sein Link zeigt danach „abgesagt“.' : ''}
      </p>
      <Conflict state={state} onReload={() => void reload()} />
      <ReasonField
        id="cancel-reason"
        label="Grund (freiwillig)"
        help="Nur für die Akte; der Betrieb sieht ihn nicht. Höchstens 500 Zeichen."
        value={reason}
        error={state.errors['reason']}
        onInput={setReason}
      />
      <Buttons sending={state.sending} label="Erprobung absagen" onCancel={props.onCancel} />
    </FormFrame>
  );
}

export function ResendLinkForm(props: PlacementFormProps & { email: string }) {
  const { state, submit, reload, formRef } = useSend(
    props,
    () => ({}),
    () => call('ResendPlacementLink', { params: { id: props.placementId }, body: { version: props.version } }),
    (): Saved => ({ kind: 'resend', message: `Neuer Link an ${props.email} gesandt. Frühere Links gelten nicht mehr.` }),
  );
  return (
    <FormFrame title="Neuen Link senden" formRef={formRef} onSubmit={(ev) => void submit(ev)}>
      <p>
        Der Betrieb bekommt eine neue E-Mail an <bdi dir="ltr">{props.email}</bdi>. Alle früheren Links dieser Erprobung zeigen danach „ersetzt“.
      </p>
      <Conflict state={state} onReload={() => void reload()} />
      <Buttons sending={state.sending} label="Neuen Link senden" onCancel={props.onCancel} />
    </FormFrame>
  );
}

export function OutcomeForm(props: PlacementFormProps) {
  const [outcome, setOutcome] = useState<PlacementOutcome | ''>('');
  const [reason, setReason] = useState('');
  const validate = (): FieldErrors => {
    const errors: FieldErrors = {};
    if (!outcome) errors['outcome'] = 'Bitte wählen Sie das Ergebnis.';
    else if (outcome === 'none' && !oneLine(reason)) errors['reason'] = 'Bitte geben Sie kurz an, warum es kein Angebot gab.';
    return errors;
  };
  const { state, submit, reload, formRef } = useSend(
    props,
    validate,
    () => {
      const r = oneLine(reason);
      return call('PostPlacementOutcome', { params: { id: props.placementId }, body: { version: props.version, outcome: outcome as PlacementOutcome, ...(r ? { reason: r } : {}) } });
    },
    (): Saved => ({ kind: 'outcome', message: `Ergebnis gespeichert: ${PLACEMENT_OUTCOME_LABELS[outcome as PlacementOutcome]}. Die Erprobung ist abgeschlossen.` }),
  );
  return (
    <FormFrame title="Ergebnis erfassen" formRef={formRef} onSubmit={(ev) => void submit(ev)}>
      <p class="muted">Wenn der Betrieb das Ergebnis telefonisch oder persönlich mitgeteilt hat. Es wird auch in der Akte der teilnehmenden Person vermerkt.</p>
      <Conflict state={state} onReload={() => void reload()} />
      <Choices name="outcome" legend="Ergebnis" labels={PLACEMENT_OUTCOME_LABELS} value={outcome} error={state.errors['outcome']} onChange={setOutcome} />
      <ReasonField
        id="outcome-reason"
        label={outcome === 'none' ? 'Grund' : 'Grund (freiwillig)'}
        help="Kurz und sachlich, höchstens 500 Zeichen."
        value={reason}
        error={state.errors['reason']}
        onInput={setReason}
      />
      <Buttons sending={state.sending} label="Ergebnis speichern" onCancel={props.onCancel} />
    </FormFrame>
  );
}
