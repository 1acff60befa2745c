import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDateTime, formatShortDay } from '../app/format.js';
import { DEADLINE_LABELS, countryName } from '../app/labels.js';
import { bodyText } from '../app/recognition-text.js';
import { Link, useFocusOnNavigation } from '../app/router.js';
import { useRecordLoad } from '../app/record-load.js';
import { call } from '../app/session.js';
import { setTitle, type ViewProps } from '../app/views.js';
import { LoadProblem, Loading, Notice, Reference } from '../components/common.js';
import type { Saved } from '../components/forms.js';
import { WorkflowTimeline } from '../components/timeline.js';
import { CaseFieldsForm, caseDraftFrom } from './recognition-case-form.js';
import { RecognitionStateBadge } from './recognition-cases.js';
import { FactForm, FactsSection, type Fact, type RecognitionRecord } from './recognition-facts.js';
import { CaseFieldsSection, CostForm, CostsSection, DeadlinesSection, DocumentsSection, RemindersList } from './recognition-sections.js';

/**
 * One recognition case: its deadlines (due day, status, basis and how each was computed), the §5
 * checklist, the facts of the procedure as a timeline (corrections strike the old one through),
 * the costs, the workflow's reminders, and the actions its state allows: record a fact, correct
 * one, record a cost; a draft from the intake first has its fields completed ("Angaben
 * ergänzen"). Another site's case answers 404 like an unknown id: "nicht gefunden".
 */

type Action = { kind: 'fact'; correct?: Fact } | { kind: 'cost' } | { kind: 'open' };

export function RecognitionCaseView({ params, me }: ViewProps) {
  const id = params['id'] ?? '';
  const [open, setOpen] = useState<Action | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const savedRef = useRef<HTMLDivElement>(null);
  const { load, setLoad, read } = useRecordLoad<RecognitionRecord>(id, () => call('GetRecognitionCase', { params: { id } }), () => {
    setOpen(null);
    setSaved(null);
  });
  const heading = useFocusOnNavigation<HTMLHeadingElement>(load.kind !== 'loading');

  useEffect(() => {
    if (saved) savedRef.current?.focus();
  }, [saved]);

  if (load.kind === 'not-found') return <NotFound heading={heading} />;
  if (load.kind !== 'ready') {
    setTitle('Anerkennungsverfahren');
    return (
      <>
        <BackLink />
        <h1 ref={heading} tabindex={-1}>
          Anerkennungsverfahren
        </h1>
        {load.kind === 'loading' ? (
          <Loading label="Das Verfahren wird geladen …" />
        ) : (
          <LoadProblem
            message="Das Verfahren konnte nicht geladen werden. Bitte prüfen Sie die Verbindung."
            onRetry={() => {
              setLoad({ kind: 'loading' });
              void read();
            }}
          />
        )}
      </>
    );
  }

  const { record } = load;
  const c = record.case;
  setTitle(`Anerkennung: ${c.qualification.profession}`);
  const onSaved = (s: Saved) => {
    setOpen(null);
    void read().then(() => setSaved(s));
  };
  const formProps = {
    caseId: c.id,
    version: c.version,
    reload: read,
    onSaved,
    onCancel: () => setOpen(null),
    onNotFound: () => setLoad({ kind: 'not-found' }),
  };
  const start = (a: Action) => {
    setSaved(null);
    setOpen(a);
  };
  const ended = record.state === 'withdrawn' || record.state === 'closed';
  const canFact = !c.draft && record.allowedNext.length > 0;
  const canCorrect = !c.draft && record.state !== 'withdrawn';
  const canCost = !c.draft;

  return (
    <>
      <BackLink />
      <div class="record-head">
        <h1 ref={heading} tabindex={-1} class="record-head__name">
          <bdi>{c.qualification.profession}</bdi>
        </h1>
        <RecognitionStateBadge state={record.state} />
        {record.overdue && <span class="badge badge--overdue">Frist überfällig</span>}
      </div>
      <p class="record-meta">
        <span>
          Abschluss aus {countryName(c.qualification.country)} ({c.qualification.year})
        </span>
        <span>
          <bdi>{bodyText(c.competentBody, c.competentBodyName)}</bdi>
        </span>
        <span>
          für{' '}
          <Link to={`/participants/${c.participantId}`} class="link-target">
            Akte <Reference value={c.participantReference} />
          </Link>
        </span>
        <span>angelegt am {formatDateTime(c.createdAt)}</span>
      </p>

      {saved && (
        <div class="notice notice--success" role="status" tabindex={-1} ref={savedRef}>
          <p>{saved.message}</p>
        </div>
      )}
      <StateNotice record={record} />

      <div class="record">
        <div class="record__side">
          {(c.draft || canFact || canCost) && (
            <section class="card card--actions" aria-labelledby="actions-title">
              <h2 id="actions-title">Was ist zu tun?</h2>
              {!open && (
                <div class="actions actions--start">
                  {c.draft && (
                    <button type="button" class="button button--primary" onClick={() => start({ kind: 'open' })}>
                      Angaben ergänzen
                    </button>
                  )}
                  {canFact && (
                    <button type="button" class="button button--primary" onClick={() => start({ kind: 'fact' })}>
                      Schritt erfassen
                    </button>
                  )}
                  {canCost && (
                    <button type="button" class="button button--secondary" onClick={() => start({ kind: 'cost' })}>
                      Kosten erfassen
                    </button>
                  )}
                </div>
              )}
              {open?.kind === 'open' && c.draft && (
                <CaseFieldsForm {...formProps} target={{ kind: 'open', caseId: c.id, version: c.version }} initial={caseDraftFrom(c.qualification)} onSaved={onSaved} />
              )}
              {open?.kind === 'fact' && !c.draft && (
                <FactForm key={open.correct?.id ?? 'new'} {...formProps} allowed={record.allowedNext} extensionCapped={c.extensionCapped} correct={open.correct} />
              )}
              {open?.kind === 'cost' && canCost && <CostForm {...formProps} record={record} />}
            </section>
          )}
          <DeadlinesSection record={record} />
          <section class="card" aria-labelledby="workflow-title">
            <h2 id="workflow-title">Ablauf</h2>
            {record.workflow ? (
              <WorkflowTimeline workflow={record.workflow} />
            ) : (
              <p class="muted">{c.draft ? 'Der Ablauf beginnt, wenn die Angaben ergänzt sind.' : 'Der Ablauf ist gerade nicht lesbar.'}</p>
            )}
            <RemindersList record={record} />
          </section>
        </div>
        <div class="record__main">
          <FactsSection record={record} me={me} onCorrect={canCorrect ? (f) => start({ kind: 'fact', correct: f }) : null} />
          <DocumentsSection {...formProps} record={record} />
          <CostsSection record={record} />
          <CaseFieldsSection record={record} />
        </div>
      </div>
      {ended && <p class="muted">Das Verfahren ist {record.state === 'closed' ? 'abgeschlossen' : 'beendet (zurückgezogen)'}.</p>}
    </>
  );
}

/** What the state means for the counsellor, in one sentence. */
function StateNotice({ record }: { record: RecognitionRecord }) {
  const c = record.case;
  if (c.draft)
    return (
      <Notice kind="info">
        <p>
          <strong>Entwurf aus der Anmeldung.</strong> Die Person hat bei der Anmeldung Anerkennung gewünscht. Bitte ergänzen Sie die Angaben zum Verfahren („Angaben
          ergänzen“): Bezeichnung des Abschlusses, reglementiert oder nicht, zuständige Stelle.
        </p>
      </Notice>
    );
  const overdue = (['receipt', 'decision'] as const).filter((k) => record.deadlines[k]?.status === 'overdue');
  if (overdue.length)
    return (
      <Notice kind="warning">
        <p>
          <strong>Frist überfällig:</strong>{' '}
          {overdue
            .map((k) => `${DEADLINE_LABELS[k]} war fällig am ${formatShortDay(record.deadlines[k]!.due ?? '')}`)
            .join('; ')}
          . Bitte fragen Sie bei der Stelle nach.
        </p>
      </Notice>
    );
  if (record.state === 'suspended')
    return (
      <Notice kind="info">
        <p>Die Entscheidungsfrist ist gerade gehemmt (Nachforderung von Unterlagen oder Qualifikationsanalyse); das Fristende verschiebt sich um diese Tage.</p>
      </Notice>
    );
  return null;
}

function BackLink() {
  return (
    <p class="back">
      <Link to="/recognition-cases">
        <span aria-hidden="true">← </span>Alle Anerkennungsverfahren
      </Link>
    </p>
  );
}

function NotFound({ heading }: { heading: RefObject<HTMLHeadingElement | null> }) {
  setTitle('Nicht gefunden');
  return (
    <>
      <h1 ref={heading} tabindex={-1}>
        Anerkennungsverfahren nicht gefunden
      </h1>
      <Notice kind="warning">
        <p>Dieses Verfahren wurde nicht gefunden. Vielleicht ist der Link unvollständig, oder es gehört zu einem anderen Standort.</p>
      </Notice>
      <p>
        <Link to="/recognition-cases" class="link-target">
          Zur Liste der Anerkennungsverfahren
        </Link>
      </p>
    </>
  );
}
