import { useRef, useState } from 'preact/hooks';
import { COUNTRY_CODES } from '../../../schemas/countries.js';
import type { CompetentBody, Payer } from '../../../schemas/recognition.js';
import { berlinToday } from '../app/format.js';
import { COMPETENT_BODY_HINTS, COMPETENT_BODY_LABELS, PAYER_LABELS, countryName } from '../app/labels.js';
import { Link } from '../app/router.js';
import { call } from '../app/session.js';
import { CheckField, SelectField, TextAreaField, TextField } from '../components/fields.js';
import { Buttons, Choices, Conflict, FormFrame, oneLine, useSend, type FieldErrors, type FormProps, type Saved } from '../components/forms.js';

/**
 * The case fields of a recognition procedure, for a new case (from the participant's record,
 * prefilled with the qualification the intake recorded; one Idempotency-Key per form, so a double
 * click or a retry after a lost answer makes one case) and for opening the draft an intake left
 * (on the draft's version). The API's field errors come back by their paths
 * (`qualification.title`) and are shown at their field.
 */

export interface CaseDraft {
  country: string;
  title: string;
  profession: string;
  year: string;
  regulated: 'yes' | 'no' | '';
  fastTrack: boolean;
  competentBody: CompetentBody | '';
  competentBodyName: string;
  eu: 'yes' | 'no' | '';
  referenceProfession: string;
  payer: Payer | '';
  grantAppliedOn: string;
  note: string;
}

export function caseDraftFrom(q: { country?: string; title?: string | null; profession?: string; year?: number } | undefined): CaseDraft {
  return {
    country: q?.country ?? '',
    title: q?.title ?? '',
    profession: q?.profession ?? '',
    year: q?.year ? String(q.year) : '',
    regulated: '',
    fastTrack: false,
    competentBody: '',
    competentBodyName: '',
    eu: '',
    referenceProfession: '',
    payer: '',
    grantAppliedOn: '',
    note: '',
  };
}

/** Typed forms per participant or draft, for as long as the tab is open (memory only). */
const drafts = new Map<string, CaseDraft>();

let countries: { value: string; label: string }[] | undefined;
/** Every country by its German name, in German order. */
const countryOptions = () =>
  (countries ??= COUNTRY_CODES.map((c) => ({ value: c, label: countryName(c) })).sort((a, b) => a.label.localeCompare(b.label, 'de')));

const REGULATED = { yes: 'ja, reglementiert (§ 13 BQFG)', no: 'nein, nicht reglementiert (§ 6 BQFG)' } as const;
const REGULATED_HINTS = { yes: 'Die Ausübung setzt die Anerkennung voraus, z. B. Pflege, Medizin, Erziehung.', no: 'Zum Beispiel die meisten Ausbildungsberufe in IHK und Handwerk.' };
const EU = [
  { value: '' as const, label: 'nach dem Land des Abschlusses (automatisch)' },
  { value: 'yes' as const, label: 'ja – wie ein Abschluss aus der EU, dem EWR oder der Schweiz' },
  { value: 'no' as const, label: 'nein – wie ein Abschluss aus einem Drittstaat' },
];
const PAYERS = [{ value: '' as const, label: 'noch offen' }, ...(Object.keys(PAYER_LABELS) as Payer[]).map((p) => ({ value: p, label: PAYER_LABELS[p] }))];

export type CaseTarget = { kind: 'create'; participantId: string; draftId?: string | undefined } | { kind: 'open'; caseId: string; version: number };

type Props = Pick<FormProps, 'reload' | 'onCancel' | 'onNotFound'> & {
  target: CaseTarget;
  initial: CaseDraft;
  /** A new case was created: its id. */
  onCreated?: (id: string, message: string) => void;
  onSaved?: (saved: Saved) => void;
};

export function CaseFieldsForm(props: Props) {
  const { target } = props;
  const draftKey = target.kind === 'create' ? `p:${target.participantId}` : `c:${target.caseId}`;
  const [draft, setDraft] = useState<CaseDraft>(() => drafts.get(draftKey) ?? props.initial);
  const key = useRef<string>(crypto.randomUUID());
  const created = useRef<string | undefined>(undefined);
  const today = berlinToday();
  const update = (patch: Partial<CaseDraft>) => {
    const next = { ...draft, ...patch };
    drafts.set(draftKey, next);
    setDraft(next);
  };

  const validate = (): FieldErrors => {
    const e: FieldErrors = {};
    if (!draft.country) e['country'] = 'Bitte wählen Sie das Land, in dem der Abschluss erworben wurde.';
    if (!draft.title.trim()) e['title'] = 'Bitte geben Sie die Bezeichnung an, wie sie auf dem Zeugnis steht.';
    if (!draft.profession.trim()) e['profession'] = 'Bitte geben Sie den Beruf an.';
    const year = Number(draft.year);
    if (!draft.year.trim()) e['year'] = 'Bitte geben Sie das Jahr des Abschlusses an.';
    else if (!/^\d{4}$/.test(draft.year.trim()) || year < 1950 || year > Number(today.slice(0, 4))) e['year'] = `Bitte ein Jahr von 1950 bis ${today.slice(0, 4)}.`;
    if (!draft.regulated) e['regulated'] = 'Bitte wählen Sie, ob der Beruf reglementiert ist.';
    if (!draft.competentBody) e['competentBody'] = 'Bitte wählen Sie die zuständige Stelle.';
    else if (draft.competentBody === 'other' && !draft.competentBodyName.trim()) e['competentBodyName'] = 'Bitte geben Sie den Namen der Stelle an.';
    if (draft.grantAppliedOn && draft.grantAppliedOn > today) e['grantAppliedOn'] = 'Das Datum darf nicht in der Zukunft liegen.';
    return e;
  };

  const fields = () => {
    const t = (s: string) => oneLine(s) || undefined;
    return {
      qualification: { country: draft.country, title: oneLine(draft.title), profession: oneLine(draft.profession), year: Number(draft.year) },
      regulated: draft.regulated === 'yes',
      fastTrack: draft.fastTrack,
      competentBody: draft.competentBody as CompetentBody,
      competentBodyName: draft.competentBody === 'other' ? t(draft.competentBodyName) : undefined,
      euQualification: draft.eu ? draft.eu === 'yes' : undefined,
      referenceProfession: t(draft.referenceProfession),
      payer: draft.payer || undefined,
      grantAppliedOn: draft.payer === 'anerkennungszuschuss' && draft.grantAppliedOn ? draft.grantAppliedOn : undefined,
      note: t(draft.note),
    };
  };

  const { state, submit, reload, formRef } = useSend(
    {
      reload: props.reload,
      onNotFound: props.onNotFound,
      onSaved: (s) => (target.kind === 'create' ? props.onCreated?.(created.current!, s.message) : props.onSaved?.(s)),
    },
    validate,
    async () => {
      if (target.kind === 'open') return call('OpenRecognitionCase', { params: { id: target.caseId }, body: { version: target.version, ...fields() } });
      const res = await call('CreateRecognitionCase', { headers: { 'idempotency-key': key.current }, body: { participantId: target.participantId, ...fields() } });
      if (res.ok) created.current = res.body.id;
      // Refused before anything was written (field errors, a withdrawn participant): the next try is a new case.
      else if (res.status === 400 || res.status === 409 || res.status === 422) key.current = crypto.randomUUID();
      return res;
    },
    (): Saved => {
      drafts.delete(draftKey);
      return target.kind === 'create'
        ? { kind: 'recognition', message: 'Anerkennungsverfahren angelegt. Erfassen Sie hier die Unterlagen und die Schritte des Verfahrens.' }
        : { kind: 'open', message: 'Das Verfahren ist angelegt. Die Fristen beginnen, sobald der Antrag bei der Stelle eingegangen ist.' };
    },
  );

  const e = state.errors;
  const err = (k: string, api = k) => e[k] ?? e[api];
  const title = target.kind === 'create' ? 'Anerkennungsverfahren anlegen' : 'Angaben ergänzen';
  return (
    <FormFrame title={title} formRef={formRef} onSubmit={(ev) => void submit(ev)}>
      {target.kind === 'create' && target.draftId && (
        <div class="notice notice--warning">
          <p>
            Aus der Anmeldung liegt schon ein Entwurf für diese Person vor.{' '}
            <Link to={`/recognition-cases/${target.draftId}`} class="link-target">
              Entwurf öffnen und ergänzen
            </Link>
          </p>
        </div>
      )}
      <p class="muted">
        {target.kind === 'create'
          ? 'Land, Beruf und Jahr sind aus der Anmeldung übernommen, soweit angegeben. Die Fristen beginnen erst, wenn der Antrag bei der Stelle eingegangen ist.'
          : 'Der Entwurf stammt aus der Anmeldung. Mit diesen Angaben wird daraus ein Verfahren; die Unterlagen bleiben, wie sie sind.'}
      </p>
      <Conflict state={state} onReload={() => void reload()} />
      <fieldset class="form-group">
        <legend class="form-group__legend">Abschluss aus dem Ausland</legend>
        <SelectField
          id="case-country"
          label="Land des Abschlusses"
          value={draft.country}
          options={[{ value: '', label: 'bitte wählen' }, ...countryOptions()]}
          error={err('country', 'qualification.country')}
          onChange={(country) => update({ country })}
        />
        <TextField
          id="case-title"
          label="Bezeichnung im Original"
          help="Wie auf dem Zeugnis, in der Schrift des Zeugnisses."
          value={draft.title}
          max={200}
          error={err('title', 'qualification.title')}
          onInput={(title) => update({ title })}
        />
        <TextField id="case-profession" label="Beruf" value={draft.profession} max={100} error={err('profession', 'qualification.profession')} onInput={(profession) => update({ profession })} />
        <TextField id="case-year" label="Jahr des Abschlusses" inputMode="numeric" value={draft.year} max={4} error={err('year', 'qualification.year')} onInput={(year) => update({ year })} />
        <TextField
          id="case-reference"
          label="Deutscher Referenzberuf"
          optional
          help="Mit welchem deutschen Beruf verglichen wird, zum Beispiel „Kaufmann/-frau für Büromanagement“."
          value={draft.referenceProfession}
          max={200}
          error={err('referenceProfession')}
          onInput={(referenceProfession) => update({ referenceProfession })}
        />
      </fieldset>
      <fieldset class="form-group">
        <legend class="form-group__legend">Verfahren</legend>
        <Choices name="case-regulated" legend="Reglementierter Beruf?" labels={REGULATED} hints={REGULATED_HINTS} value={draft.regulated} error={err('regulated')} single onChange={(regulated) => update({ regulated })} />
        <CheckField
          id="case-fastTrack"
          label="Beschleunigtes Fachkräfteverfahren"
          help="§ 14a BQFG mit § 81a AufenthG: Eingangsbestätigung in 2 Wochen, Entscheidung in 2 Monaten."
          checked={draft.fastTrack}
          onChange={(fastTrack) => update({ fastTrack })}
        />
        <Choices
          name="case-body"
          legend="Zuständige Stelle"
          labels={COMPETENT_BODY_LABELS}
          hints={COMPETENT_BODY_HINTS}
          value={draft.competentBody}
          error={err('competentBody')}
          single
          onChange={(competentBody) => update({ competentBody })}
        />
        {draft.competentBody === 'other' && (
          <TextField id="case-bodyName" label="Name der Stelle" value={draft.competentBodyName} max={200} error={err('competentBodyName')} onInput={(competentBodyName) => update({ competentBodyName })} />
        )}
        <SelectField
          id="case-eu"
          label="Abschluss aus der EU, dem EWR oder der Schweiz?"
          help="Wichtig für reglementierte Berufe: Die Entscheidungsfrist darf dann nur um höchstens einen Monat verlängert werden. Ändern Sie das nur, wenn der Abschluss z. B. in einem EU-Staat anerkannt wurde."
          value={draft.eu}
          options={EU}
          error={err('eu', 'euQualification')}
          onChange={(eu) => update({ eu })}
        />
      </fieldset>
      <fieldset class="form-group">
        <legend class="form-group__legend">Kosten</legend>
        <SelectField id="case-payer" label="Wer trägt die Kosten?" value={draft.payer} options={PAYERS} error={err('payer')} onChange={(payer) => update({ payer })} />
        {draft.payer === 'anerkennungszuschuss' && (
          <TextField
            id="case-grantAppliedOn"
            type="date"
            label="Zuschuss beantragt am"
            optional
            help="Der Anerkennungszuschuss muss beantragt sein, bevor Kosten entstehen."
            value={draft.grantAppliedOn}
            max={10}
            maxDate={today}
            error={err('grantAppliedOn')}
            onInput={(grantAppliedOn) => update({ grantAppliedOn })}
          />
        )}
        <TextAreaField id="case-note" label="Notiz" optional help="Nur für das Team, höchstens 1000 Zeichen." value={draft.note} max={1000} error={err('note')} onInput={(note) => update({ note })} />
      </fieldset>
      <Buttons sending={state.sending} label="Verfahren anlegen" onCancel={props.onCancel} />
    </FormFrame>
  );
}
