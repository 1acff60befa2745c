import { useRef, useState } from 'preact/hooks';
import { maxPlacementDays, placementDays } from '../../../schemas/placement-length.js';
import { berlinToday, formatDay } from '../app/format.js';
import { call } from '../app/session.js';
import { Buttons, Conflict, FieldError, FormFrame, oneLine, useSend, type FieldErrors, type FormProps } from '../components/forms.js';

/**
 * The counsellor asks an employer for a trial placement, from the participant's record. The
 * length cap (42 days, or 84 for a long-term unemployed participant with serious placement
 * obstacles; schemas/placement-length.ts, the same rule the API enforces) is checked as the dates
 * are typed, and said in words next to the last day. One Idempotency-Key per proposal: a double
 * click or a retry after a lost answer makes one placement.
 */

export interface ProposalDraft {
  employerName: string;
  contactName: string;
  email: string;
  phone: string;
  address: string;
  role: string;
  startDate: string;
  endDate: string;
  weeklyHours: string;
  tasks: string;
  place: string;
  supervisorName: string;
  supervisorPhone: string;
  accidentInsurance: string;
  seriousObstacles: boolean;
  note: string;
}

const EMPTY: ProposalDraft = {
  employerName: '',
  contactName: '',
  email: '',
  phone: '',
  address: '',
  role: '',
  startDate: '',
  endDate: '',
  weeklyHours: '',
  tasks: '',
  place: '',
  supervisorName: '',
  supervisorPhone: '',
  accidentInsurance: '',
  seriousObstacles: false,
  note: '',
};

/** Typed proposals per participant, for as long as the tab is open (memory only). */
const drafts = new Map<string, ProposalDraft>();

/** Which API field a draft field is sent as (the API's field errors come back by these paths). */
const API_PATH: Partial<Record<keyof ProposalDraft, string>> = {
  employerName: 'employer.name',
  contactName: 'employer.contactName',
  email: 'employer.email',
  phone: 'employer.phone',
  address: 'employer.address',
  supervisorName: 'supervisor.name',
  supervisorPhone: 'supervisor.phone',
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The length in words as the counsellor types: "14 Tage – höchstens 42 möglich". */
export function lengthCheck(d: Pick<ProposalDraft, 'startDate' | 'endDate'>, maxDays: number, today: string): { text: string; error?: string; startError?: string } {
  const startError = d.startDate && d.startDate < today ? 'Der erste Tag darf nicht in der Vergangenheit liegen.' : undefined;
  if (!d.startDate || !d.endDate) return { text: `Höchstens ${maxDays} Tage, erster und letzter Tag mitgezählt.`, startError };
  if (d.endDate < d.startDate) return { text: '', error: 'Der letzte Tag darf nicht vor dem ersten Tag liegen.', startError };
  const days = placementDays(d.startDate, d.endDate);
  if (days > maxDays)
    return { text: '', error: `Eine Erprobung darf höchstens ${maxDays} Tage dauern (vom ersten bis zum letzten Tag); so wären es ${days}.`, startError };
  return { text: `${days} ${days === 1 ? 'Tag' : 'Tage'} – höchstens ${maxDays} möglich.`, startError };
}

export function ProposalForm(props: Omit<FormProps, 'onSaved'> & { employmentStatus: string; onCreated: (id: string, message: string) => void }) {
  const [draft, setDraft] = useState<ProposalDraft>(() => drafts.get(props.participantId) ?? EMPTY);
  const key = useRef<string>(crypto.randomUUID());
  const created = useRef<string | undefined>(undefined);
  const today = berlinToday();
  const longTerm = props.employmentStatus === 'long_term_unemployed';
  const maxDays = maxPlacementDays(props.employmentStatus, draft.seriousObstacles);
  const length = lengthCheck(draft, maxDays, today);

  const update = (patch: Partial<ProposalDraft>) => {
    const next = { ...draft, ...patch };
    drafts.set(props.participantId, next);
    setDraft(next);
  };

  const validate = (): FieldErrors => {
    const e: FieldErrors = {};
    const need = (k: keyof ProposalDraft, message: string) => {
      if (!String(draft[k]).trim()) e[k] = message;
    };
    need('employerName', 'Bitte geben Sie den Namen des Betriebs an.');
    need('contactName', 'Bitte geben Sie die Ansprechperson im Betrieb an.');
    need('email', 'Bitte geben Sie die E-Mail-Adresse der Ansprechperson an.');
    if (!e['email'] && !EMAIL.test(draft.email.trim())) e['email'] = 'Bitte prüfen Sie die E-Mail-Adresse (Beispiel: name@betrieb.de).';
    need('role', 'Bitte geben Sie die Tätigkeit an.');
    if (!draft.startDate) e['startDate'] = 'Bitte geben Sie den ersten Tag an.';
    else if (length.startError) e['startDate'] = length.startError;
    if (!draft.endDate) e['endDate'] = 'Bitte geben Sie den letzten Tag an.';
    else if (length.error) e['endDate'] = length.error;
    const hours = Number(draft.weeklyHours.replace(',', '.'));
    if (!draft.weeklyHours.trim()) e['weeklyHours'] = 'Bitte geben Sie die Stunden pro Woche an.';
    else if (!Number.isFinite(hours) || hours < 1 || hours > 40) e['weeklyHours'] = 'Bitte eine Zahl von 1 bis 40.';
    if (!!draft.supervisorName.trim() !== !!draft.supervisorPhone.trim())
      e[draft.supervisorName.trim() ? 'supervisorPhone' : 'supervisorName'] = 'Für die Anleitung bitte Name und Telefon angeben, oder beides leer lassen.';
    return e;
  };

  const { state, submit, reload, formRef } = useSend(
    { ...props, onSaved: (s) => props.onCreated(created.current!, s.message) },
    validate,
    async () => {
      const t = (s: string) => oneLine(s) || undefined;
      const res = await call('CreatePlacement', {
        headers: { 'idempotency-key': key.current },
        body: {
          participantId: props.participantId,
          employer: { name: draft.employerName.trim(), contactName: draft.contactName.trim(), email: draft.email.trim(), phone: t(draft.phone), address: t(draft.address) },
          role: draft.role.trim(),
          startDate: draft.startDate,
          endDate: draft.endDate,
          weeklyHours: Number(draft.weeklyHours.replace(',', '.')),
          tasks: t(draft.tasks),
          place: t(draft.place),
          supervisor: draft.supervisorName.trim() ? { name: draft.supervisorName.trim(), phone: draft.supervisorPhone.trim() } : undefined,
          accidentInsurance: t(draft.accidentInsurance),
          seriousObstacles: draft.seriousObstacles,
          note: t(draft.note),
        },
      });
      if (res.ok) created.current = res.body.id;
      // Refused before anything was written (field errors, a withdrawn participant): the next try is a new proposal.
      else if (res.status === 400 || res.status === 409 || res.status === 422) key.current = crypto.randomUUID();
      return res;
    },
    () => {
      drafts.delete(props.participantId);
      return { kind: 'placement', message: 'Erprobung angefragt. Der Betrieb bekommt gleich eine E-Mail mit dem Link.' };
    },
  );

  // The API's field errors come back by its paths ("employer.email"); the draft's fields are flat.
  const errorOf = (k: keyof ProposalDraft) => state.errors[k] ?? (API_PATH[k] ? state.errors[API_PATH[k]] : undefined);
  const field = (k: keyof ProposalDraft, label: string, opts: { type?: 'text' | 'email' | 'tel'; optional?: boolean; help?: string; autocomplete?: string; inputmode?: string; max?: number } = {}) => {
    const id = `proposal-${k}`;
    const error = errorOf(k);
    const describedBy = [error ? `${id}-error` : '', opts.help ? `${id}-help` : ''].filter(Boolean).join(' ') || undefined;
    return (
      <div class={error ? 'field field--invalid' : 'field'}>
        <label class="field__label" for={id}>
          {label}
          {opts.optional && <span class="field__optional"> (freiwillig)</span>}
        </label>
        {opts.help && (
          <p id={`${id}-help`} class="field__help">
            {opts.help}
          </p>
        )}
        <FieldError id={`${id}-error`} message={error} />
        <input
          id={id}
          type={(opts.type ?? 'text') as 'text'}
          class="input"
          value={String(draft[k])}
          maxLength={opts.max}
          autocomplete={opts.autocomplete ?? 'off'}
          inputMode={opts.inputmode as 'decimal' | undefined}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy}
          onInput={(e) => update({ [k]: (e.currentTarget as HTMLInputElement).value })}
        />
      </div>
    );
  };

  const endError = errorOf('endDate');
  const startError = errorOf('startDate');
  return (
    <FormFrame title="Erprobung anfragen" formRef={formRef} onSubmit={(ev) => void submit(ev)}>
      <p class="muted">Der Betrieb bekommt eine E-Mail auf Deutsch (mit Englisch) mit einem Link zum Zusagen oder Absagen. Ohne Antwort erinnert das System nach 3 und 6 Arbeitstagen.</p>
      <Conflict state={state} onReload={() => void reload()} />
      <fieldset class="form-group">
        <legend class="form-group__legend">Betrieb</legend>
        {field('employerName', 'Name des Betriebs', { max: 120, autocomplete: 'organization' })}
        {field('contactName', 'Ansprechperson', { max: 100 })}
        {field('email', 'E-Mail der Ansprechperson', { type: 'email', max: 254 })}
        {field('phone', 'Telefon', { type: 'tel', optional: true, max: 30 })}
        {field('address', 'Adresse', { optional: true, max: 200 })}
      </fieldset>
      <fieldset class="form-group">
        <legend class="form-group__legend">Erprobung</legend>
        {field('role', 'Tätigkeit', { max: 120, help: 'Zum Beispiel „Verkäuferin im Einzelhandel“.' })}
        <div class={startError ? 'field field--invalid' : 'field'}>
          <label class="field__label" for="proposal-startDate">
            Erster Tag
          </label>
          <FieldError id="proposal-startDate-error" message={startError} />
          <input
            id="proposal-startDate"
            type="date"
            class="input input--date"
            value={draft.startDate}
            min={today}
            aria-invalid={startError ? 'true' : undefined}
            aria-describedby={startError ? 'proposal-startDate-error' : undefined}
            onInput={(e) => update({ startDate: (e.currentTarget as HTMLInputElement).value })}
          />
        </div>
        <div class={endError ? 'field field--invalid' : 'field'}>
          <label class="field__label" for="proposal-endDate">
            Letzter Tag
          </label>
          <p id="proposal-length" class="field__help" aria-live="polite">
            {length.text}
          </p>
          <FieldError id="proposal-endDate-error" message={endError ?? length.error} />
          <input
            id="proposal-endDate"
            type="date"
            class="input input--date"
            value={draft.endDate}
            min={draft.startDate || today}
            aria-invalid={endError || length.error ? 'true' : undefined}
            aria-describedby={endError || length.error ? 'proposal-endDate-error proposal-length' : 'proposal-length'}
            onInput={(e) => update({ endDate: (e.currentTarget as HTMLInputElement).value })}
          />
        </div>
        {field('weeklyHours', 'Stunden pro Woche', { inputmode: 'decimal', max: 5, help: '1 bis 40.' })}
        <div class="field">
          <div class="choice">
            <input
              id="proposal-seriousObstacles"
              type="checkbox"
              class="choice__input"
              checked={draft.seriousObstacles}
              aria-describedby="proposal-seriousObstacles-help"
              onChange={(e) => update({ seriousObstacles: (e.currentTarget as HTMLInputElement).checked })}
            />
            <label class="choice__label" for="proposal-seriousObstacles">
              Schwerwiegende Vermittlungshemmnisse
            </label>
          </div>
          <p id="proposal-seriousObstacles-help" class="field__help">
            {longTerm
              ? 'Die Person ist langzeitarbeitslos: mit schwerwiegenden Vermittlungshemmnissen sind bis zu 84 Tage möglich (§ 45 SGB III).'
              : 'Bis zu 84 Tage nur bei Langzeitarbeitslosigkeit; für diese Person gelten höchstens 42 Tage.'}
          </p>
        </div>
        {field('tasks', 'Aufgaben', { optional: true, max: 1000 })}
        {field('place', 'Ort der Erprobung', { optional: true, max: 200 })}
        {field('supervisorName', 'Anleitung im Betrieb: Name', { optional: true, max: 100 })}
        {field('supervisorPhone', 'Anleitung im Betrieb: Telefon', { type: 'tel', optional: true, max: 30 })}
        {field('accidentInsurance', 'Unfallversicherung', { optional: true, max: 300, help: 'Zum Beispiel die Berufsgenossenschaft des Betriebs.' })}
        {field('note', 'Notiz', { optional: true, max: 1000, help: 'Nur für das Team.' })}
      </fieldset>
      {draft.startDate && draft.endDate && !length.error && (
        <p class="muted">
          Vom {formatDay(draft.startDate)} bis {formatDay(draft.endDate)}.
        </p>
      )}
      <Buttons sending={state.sending} label="Anfrage senden" onCancel={props.onCancel} />
    </FormFrame>
  );
}
