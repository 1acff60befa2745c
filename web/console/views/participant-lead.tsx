import { useEffect, useRef, useState } from 'preact/hooks';
import type { BodyOf } from '../../common/api-client.js';
import { formatDateTime } from '../app/format.js';
import { ROLE_LABELS, labelOf } from '../app/labels.js';
import { call, type Me } from '../app/session.js';
import { Loading } from '../components/common.js';
import { Buttons, Choices, Conflict, FormFrame, useSend, type FieldErrors, type FormProps } from '../components/forms.js';

/**
 * What only a site lead does on a record: assign a counsellor of the site's team (or nobody), and
 * hand the participant over to another site — with a confirmation, as the record then leaves the
 * site. Both send the version the lead saw.
 */

type TeamMember = BodyOf<'GetTeam'>['items'][number];
const NOBODY = 'nobody';

/** The site's team, loaded once per page (leads only; the API answers 403 to anyone else). */
let teamCache: Promise<TeamMember[]> | undefined;

function loadTeam(): Promise<TeamMember[]> {
  teamCache ??= call('GetTeam')
    .then((res) => {
      if (!res.ok) throw new Error(String(res.status));
      return res.body.items;
    })
    .catch((err: unknown) => {
      teamCache = undefined;
      throw err;
    });
  return teamCache;
}

export function AssignForm(props: FormProps & { assignedTo: { sub: string; username: string } | null; me: Me }) {
  const [team, setTeam] = useState<TeamMember[] | 'loading' | 'problem'>('loading');
  const [choice, setChoice] = useState<string>(props.assignedTo?.sub ?? '');
  useEffect(() => {
    loadTeam().then(setTeam, () => setTeam('problem'));
  }, []);
  const members = Array.isArray(team) ? team.filter((m) => m.role !== 'coordinator') : [];
  const labels: Record<string, string> = { [NOBODY]: props.assignedTo ? 'niemand (Zuweisung aufheben)' : 'niemand' };
  const hints: Record<string, string> = {};
  for (const m of members) {
    labels[m.sub] = m.sub === props.me.sub ? `${m.username} (Sie)` : m.username;
    hints[m.sub] = `${labelOf(ROLE_LABELS, m.role)} · ${m.assigned === 1 ? '1 Person zugewiesen' : `${m.assigned} Personen zugewiesen`}`;
  }
  const current = props.assignedTo?.sub ?? NOBODY;
  const value = choice || current;
  const validate = (): FieldErrors => (value === current ? { assignedTo: 'Bitte wählen Sie jemand anderen als bisher.' } : {});
  const { state, submit, reload, formRef } = useSend(
    props,
    validate,
    () => call('AssignParticipant', { params: { id: props.participantId }, body: { version: props.version, assignedTo: value === NOBODY ? null : value } }),
    () => ({ kind: 'assign', message: value === NOBODY ? 'Zuweisung aufgehoben.' : `Zugewiesen an ${labels[value]?.replace(' (Sie)', '') ?? 'die gewählte Person'}.` }),
  );
  return (
    <FormFrame title="Zuständigkeit festlegen" formRef={formRef} onSubmit={(e) => void submit(e)}>
      <Conflict state={state} onReload={() => void reload()} />
      {team === 'loading' && <Loading label="Das Team wird geladen …" />}
      {team === 'problem' && <p class="notice notice--error">Das Team konnte nicht geladen werden. Bitte versuchen Sie es später noch einmal.</p>}
      {Array.isArray(team) && (
        <>
          {members.length === 0 && <p class="muted">Im Team ist noch niemand eingetragen: Mitarbeitende erscheinen, sobald sie die Konsole einmal genutzt haben.</p>}
          <Choices name="assign-to" legend="Wer ist zuständig?" labels={labels} hints={hints} value={value} error={state.errors['assignedTo']} onChange={setChoice} single />
          <Buttons sending={state.sending} label="Zuweisung speichern" onCancel={props.onCancel} />
        </>
      )}
    </FormFrame>
  );
}

type Site = { id: string; name: string };

/** The configured sites, as the public intake form offers them (the only list of sites the API gives). */
let sitesCache: Promise<Site[]> | undefined;

function loadSites(): Promise<Site[]> {
  sitesCache ??= call('GetIntakeForm', { query: { lang: 'de' } })
    .then((res) => {
      if (!res.ok) throw new Error(String(res.status));
      const field = res.body.sections.flatMap((s) => s.fields).find((f) => f.path === 'site');
      return (field?.options ?? []).map((o) => ({ id: o.value, name: o.label }));
    })
    .catch((err: unknown) => {
      sitesCache = undefined;
      throw err;
    });
  return sitesCache;
}

export function TransferForm(props: FormProps & { me: Me; name: string; suggested?: string; onTransferred: (site: Site) => void }) {
  const [sites, setSites] = useState<Site[] | 'loading' | 'problem'>('loading');
  const [choice, setChoice] = useState<string>(props.suggested ?? '');
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    loadSites().then(setSites, () => setSites('problem'));
  }, []);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  const others = Array.isArray(sites) ? sites.filter((s) => s.id !== props.me.site?.id) : [];
  const labels: Record<string, string> = Object.fromEntries(others.map((s) => [s.id, s.name]));
  const target = others.find((s) => s.id === choice);
  const validate = (): FieldErrors => (target ? {} : { toSite: 'Bitte wählen Sie den Standort, der die Akte übernimmt.' });
  const { state, submit, reload, formRef } = useSend(
    { ...props, onSaved: () => props.onTransferred(target!) },
    validate,
    () => call('TransferParticipant', { params: { id: props.participantId }, body: { version: props.version, toSite: target!.id } }),
    () => ({ kind: 'transfer', message: `An ${target!.name} übergeben.` }),
  );
  return (
    <FormFrame
      title="An einen anderen Standort übergeben"
      formRef={formRef}
      onSubmit={(e) => {
        if (!confirming) {
          e.preventDefault();
          if (target) setConfirming(true);
          else void submit(e); // shows the missing choice at the field
          return;
        }
        void submit(e);
      }}
    >
      <Conflict state={state} onReload={() => void reload()} />
      {sites === 'loading' && <Loading label="Die Standorte werden geladen …" />}
      {sites === 'problem' && <p class="notice notice--error">Die Standorte konnten nicht geladen werden. Bitte versuchen Sie es später noch einmal.</p>}
      {Array.isArray(sites) && !confirming && (
        <>
          <p class="muted">Ein Mensch, ein Projekt: Wer am anderen Standort betreut wird, wechselt mit der ganzen Akte dorthin. Die Zuständigkeit hier endet.</p>
          <Choices name="transfer-to" legend="Welcher Standort übernimmt?" labels={labels} value={choice} error={state.errors['toSite']} onChange={setChoice} single />
          <Buttons sending={false} label="Weiter" onCancel={props.onCancel} />
        </>
      )}
      {confirming && target && (
        <div class="confirm" ref={confirmRef} tabindex={-1} role="group" aria-labelledby="transfer-confirm">
          <p id="transfer-confirm">
            <strong>
              Akte von <bdi>{props.name}</bdi> an {target.name} übergeben?
            </strong>{' '}
            Danach sehen Sie sie hier nicht mehr; die Leitung von {target.name} wird benachrichtigt (nur Nummer und Link).
          </p>
          <div class="actions">
            <button type="submit" class={state.sending ? 'button button--danger button--busy' : 'button button--danger'} aria-disabled={state.sending ? 'true' : undefined}>
              {state.sending ? 'Wird übergeben …' : `Ja, an ${target.name} übergeben`}
            </button>
            <button type="button" class="button button--secondary" onClick={() => setConfirming(false)}>
              Zurück
            </button>
          </div>
        </div>
      )}
    </FormFrame>
  );
}

/** "Übernommen von BIWAQ Hochfeld am …" */
export function transferredText(from: { site: { name: string }; at: string } | null): string | undefined {
  return from ? `Übernommen von ${from.site.name} am ${formatDateTime(from.at)}` : undefined;
}
