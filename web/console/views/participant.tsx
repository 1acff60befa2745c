import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDateTime, formatDay } from '../app/format.js';
import { CHANNEL_LABELS, EXIT_OUTCOME_LABELS, WITHDRAWAL_LABELS, labelOf } from '../app/labels.js';
import { Link, navigate, useFocusOnNavigation } from '../app/router.js';
import { useRecordLoad } from '../app/record-load.js';
import { call, flash, type Me } from '../app/session.js';
import { setTitle, type ViewProps } from '../app/views.js';
import { LoadProblem, Loading, Name, Notice, Reference, StatusBadge } from '../components/common.js';
import { WorkflowTimeline, type TimelineEvent } from '../components/timeline.js';
import { ContactForm, WithdrawForm, discardDraft, draftHasInput, draftOf, type ActionKind, type Saved } from './participant-actions.js';
import { ExitFacts, ExitForm } from './participant-exit.js';
import { AssignForm, TransferForm, transferredText } from './participant-lead.js';
import { DataExportSection } from './participant-data-export.js';
import { ErasureSection, RestrictedReadForm } from './participant-erasure.js';
import { PlacementsSection } from './participant-placements.js';
import { RecognitionSection } from './participant-recognition.js';
import { ProposalForm } from './placement-proposal.js';
import { CaseFieldsForm, caseDraftFrom } from './recognition-case-form.js';
import { AuditSection, DuplicatesSection, EntrySection, HelpList, type ParticipantRecord } from './participant-sections.js';

/** What a record's forms do: the counsellor's (contact, withdrawal, a trial placement, a recognition case, the exit and its correction) and the lead's two. */
type RecordAction = ActionKind | 'assign' | 'transfer' | 'placement' | 'recognition' | 'exit' | 'correct';

/**
 * A participant's record: what they entered, the duplicate flag, each workflow as a timeline, the
 * audit trail, and the actions. Another site's participant answers 404 like an unknown id, and
 * the view says "nicht gefunden".
 */


export function ParticipantView({ params, me }: ViewProps) {
  const id = params['id'] ?? '';
  const [open, setOpen] = useState<RecordAction | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const savedRef = useRef<HTMLDivElement>(null);
  const { load, setLoad, read } = useRecordLoad<ParticipantRecord>(id, () => call('GetParticipant', { params: { id } }), () => {
    setOpen(null);
    setSaved(null);
  });
  const heading = useFocusOnNavigation<HTMLHeadingElement>(load.kind !== 'loading');

  useEffect(() => {
    if (saved) savedRef.current?.focus();
  }, [saved]);

  if (load.kind === 'not-found') return <NotFound heading={heading} id={id} me={me} />;
  if (load.kind === 'loading') {
    setTitle('Akte');
    return (
      <>
        <BackLink />
        <h1 ref={heading} tabindex={-1}>
          Akte
        </h1>
        <Loading label="Die Akte wird geladen …" />
      </>
    );
  }
  if (load.kind === 'problem') {
    setTitle('Akte');
    return (
      <>
        <BackLink />
        <h1 ref={heading} tabindex={-1}>
          Akte
        </h1>
        <LoadProblem
          message="Die Akte konnte nicht geladen werden. Bitte prüfen Sie die Verbindung."
          onRetry={() => {
            setLoad({ kind: 'loading' });
            void read();
          }}
        />
      </>
    );
  }

  const { record } = load;
  const p = record.participant;
  const person = p.entry.person;
  setTitle(`${person.firstName} ${person.lastName}`);

  const onSaved = (s: Saved) => {
    setOpen(null);
    void read().then(() => setSaved(s));
  };
  const formProps = {
    participantId: p.id,
    version: p.version,
    reload: read,
    onSaved,
    onCancel: () => setOpen(null),
    onNotFound: () => setLoad({ kind: 'not-found' }),
  };
  const start = (kind: RecordAction) => {
    setSaved(null);
    setOpen(kind);
  };
  const lead = me.role === 'lead';
  const can: Record<ActionKind, boolean> = { contact: p.status === 'new', withdraw: p.status === 'new' || p.status === 'contacted' };
  const canPropose = p.status !== 'withdrawn' && p.status !== 'exited';
  // The exit: once the first contact is recorded, not after a withdrawal or an exit (then: correct it).
  const canExit = p.status === 'contacted' && !!p.firstContact;
  const canCorrect = p.status === 'exited' && !!p.exit;
  const onPlacementCreated = (placementId: string, message: string) => {
    flash.value = { path: `/placements/${placementId}`, text: message };
    navigate(`/placements/${placementId}`);
  };
  const onRecognitionCreated = (caseId: string, message: string) => {
    flash.value = { path: `/recognition-cases/${caseId}`, text: message };
    navigate(`/recognition-cases/${caseId}`);
  };
  const recognitionDraft = record.recognitionCases.find((c) => c.state === 'draft');
  const name = `${person.firstName} ${person.lastName}`;
  // A further registration came in through another site: that is the site the lead may hand over to.
  const otherSite = record.duplicates.submissions.find((s) => s.otherSite)?.fromSite;
  const transferred = transferredText(p.transferredFrom);
  const onTransferred = (site: { name: string }) => {
    flash.value = { path: '/participants', text: `Die Akte von ${name} (${p.reference}) ist an ${site.name} übergeben.` };
    navigate('/participants');
  };

  return (
    <>
      <BackLink />
      <div class="record-head">
        <h1 ref={heading} tabindex={-1} class="record-head__name">
          <Name first={person.firstName} last={person.lastName} />
        </h1>
        <StatusBadge status={p.status} />
      </div>
      <p class="record-meta">
        <span>
          Nummer <Reference value={p.reference} />
        </span>
        <span>angemeldet am {formatDateTime(p.createdAt)}</span>
        {transferred && <span>{transferred}</span>}
      </p>

      {saved && (
        <div class="notice notice--success" role="status" tabindex={-1} ref={savedRef}>
          <p>{saved.message}</p>
        </div>
      )}
      <LostDrafts record={record} can={can} />

      <div class="record">
        <div class="record__side">
          {(can.contact || can.withdraw || canPropose || canExit || canCorrect || lead) && (
            <section class="card card--actions" aria-labelledby="actions-title">
              <h2 id="actions-title">Was ist zu tun?</h2>
              {(!open || open === 'assign') && (
                <div class="actions actions--start">
                  {can.contact && (
                    <button type="button" class="button button--primary" onClick={() => start('contact')}>
                      Erstkontakt erfassen
                    </button>
                  )}
                  {canPropose && (
                    <button type="button" class="button button--secondary" onClick={() => start('placement')}>
                      Erprobung anfragen
                    </button>
                  )}
                  {canPropose && (
                    <button type="button" class="button button--secondary" onClick={() => start('recognition')}>
                      Anerkennungsverfahren anlegen
                    </button>
                  )}
                  {canExit && (
                    <button type="button" class="button button--primary" onClick={() => start('exit')}>
                      Austritt erfassen
                    </button>
                  )}
                  {canCorrect && (
                    <button type="button" class="button button--secondary" onClick={() => start('correct')}>
                      Austritt korrigieren
                    </button>
                  )}
                  {can.withdraw && (
                    <button type="button" class="button button--secondary" onClick={() => start('withdraw')}>
                      Abmeldung erfassen
                    </button>
                  )}
                  {lead && (
                    <button type="button" class="button button--secondary" onClick={() => start('transfer')}>
                      An anderen Standort übergeben
                    </button>
                  )}
                </div>
              )}
              {open === 'contact' && can.contact && <ContactForm {...formProps} />}
              {open === 'withdraw' && can.withdraw && <WithdrawForm {...formProps} />}
              {open === 'exit' && canExit && <ExitForm {...formProps} mode="exit" firstContactDate={p.firstContact?.date} current={null} suggested={record.suggestedOutcome} />}
              {open === 'correct' && canCorrect && <ExitForm {...formProps} mode="correct" firstContactDate={p.firstContact?.date} current={p.exit} suggested={null} />}
              {open === 'placement' && canPropose && <ProposalForm {...formProps} employmentStatus={p.entry.employment.status} onCreated={onPlacementCreated} />}
              {open === 'recognition' && canPropose && (
                <CaseFieldsForm
                  {...formProps}
                  target={{ kind: 'create', participantId: p.id, draftId: recognitionDraft?.id }}
                  initial={caseDraftFrom(p.entry.qualification)}
                  onCreated={onRecognitionCreated}
                />
              )}
              {open === 'transfer' && lead && <TransferForm {...formProps} me={me} name={name} suggested={otherSite?.id} onTransferred={onTransferred} />}
            </section>
          )}
          <section class="card" aria-labelledby="assignee-title">
            <h2 id="assignee-title">Zuständig</h2>
            <p>{p.assignedTo ? <strong>{p.assignedTo.sub === me.sub ? `${p.assignedTo.username} (Sie)` : p.assignedTo.username}</strong> : 'Noch niemand zugewiesen.'}</p>
            {lead && open !== 'assign' && (
              <button type="button" class="button button--secondary" onClick={() => start('assign')}>
                {p.assignedTo ? 'Zuständigkeit ändern' : 'Zuweisen'}
              </button>
            )}
            {lead && open === 'assign' && <AssignForm {...formProps} assignedTo={p.assignedTo} me={me} />}
          </section>
          <StatusFacts record={record} />
          <PlacementsSection placements={record.placements} />
          <RecognitionSection cases={record.recognitionCases} />
          <section class="card" aria-labelledby="workflows-title">
            <h2 id="workflows-title">Ablauf</h2>
            {record.workflows.length === 0 && <p class="muted">Für diese Akte läuft kein Ablauf.</p>}
            {record.workflows.map((wf) => (
              <WorkflowTimeline
                key={wf.name}
                workflow={wf}
                extra={wf.name === 'intake' ? recordEvents(record) : []}
                statusText={wf.name === 'intake' ? intakeStatusText(wf.status, p.status) : undefined}
              />
            ))}
          </section>
          <DataExportSection record={record} me={me} />
          <ErasureSection record={record} me={me} />
        </div>
        <div class="record__main">
          <DuplicatesSection record={record} me={me} lead={lead} />
          <EntrySection record={record} />
          <AuditSection key={record.audit.at(-1)?.at ?? ''} record={record} me={me} />
        </div>
      </div>
    </>
  );
}

function BackLink() {
  return (
    <p class="back">
      <Link to="/participants">
        <span aria-hidden="true">← </span>Alle Teilnehmenden
      </Link>
    </p>
  );
}

function NotFound({ heading, id, me }: { heading: RefObject<HTMLHeadingElement | null>; id: string; me: Me }) {
  setTitle('Nicht gefunden');
  return (
    <>
      <h1 ref={heading} tabindex={-1}>
        Akte nicht gefunden
      </h1>
      <Notice kind="warning">
        <p>Diese Akte wurde nicht gefunden. Vielleicht ist der Link unvollständig, oder die Person gehört zu einem anderen Standort.</p>
      </Notice>
      <p>
        <Link to="/participants" class="link-target">
          Zur Liste der Teilnehmenden
        </Link>
      </p>
      <RestrictedReadForm id={id} me={me} />
    </>
  );
}

/** The record's own events, in the intake workflow's timeline. */
function recordEvents(record: ParticipantRecord): TimelineEvent[] {
  const p = record.participant;
  const out: TimelineEvent[] = [];
  if (p.firstContact)
    out.push({ at: p.firstContact.recordedAt, text: `Erstkontakt erfasst: am ${formatDay(p.firstContact.date)}, ${labelOf(CHANNEL_LABELS, p.firstContact.channel)}` });
  if (p.withdrawal) out.push({ at: p.withdrawal.recordedAt, text: `Abmeldung erfasst: ${labelOf(WITHDRAWAL_LABELS, p.withdrawal.reason)}` });
  for (const [i, e] of [...p.exitHistory, ...(p.exit ? [p.exit] : [])].entries()) {
    out.push({ at: e.recordedAt, text: `${i === 0 ? 'Austritt erfasst' : 'Austritt korrigiert'}: ${labelOf(EXIT_OUTCOME_LABELS, e.outcome)} am ${formatDay(e.date)}` });
  }
  return out;
}

/** The intake workflow is stopped on purpose by the first contact or the withdrawal: say so, not "vorzeitig beendet". */
function intakeStatusText(workflowStatus: string, status: string): string | undefined {
  if (workflowStatus !== 'ABORTED') return undefined;
  return status === 'contacted' ? 'beendet – Erstkontakt erfasst' : status === 'withdrawn' ? 'beendet – abgemeldet' : undefined;
}

function StatusFacts({ record }: { record: ParticipantRecord }) {
  const p = record.participant;
  if (!p.firstContact && !p.withdrawal && !p.exit)
    return (
      <section class="card" aria-labelledby="help-title">
        <h2 id="help-title">Gewünschte Hilfe</h2>
        <HelpList help={p.entry.help} />
      </section>
    );
  return (
    <section class="card" aria-labelledby="status-title">
      <h2 id="status-title">Bisher erfasst</h2>
      <dl class="facts">
        {p.firstContact && (
          <div class="facts__row">
            <dt>Erstkontakt</dt>
            <dd>
              {formatDay(p.firstContact.date)}, {labelOf(CHANNEL_LABELS, p.firstContact.channel)}
              {p.firstContact.note && <span class="note">„{p.firstContact.note}“</span>}
            </dd>
          </div>
        )}
        {p.withdrawal && (
          <div class="facts__row">
            <dt>Abgemeldet</dt>
            <dd>
              {labelOf(WITHDRAWAL_LABELS, p.withdrawal.reason)} (erfasst am {formatDateTime(p.withdrawal.recordedAt)})
              {p.withdrawal.note && <span class="note">„{p.withdrawal.note}“</span>}
            </dd>
          </div>
        )}
        {p.exit && <ExitFacts exit={p.exit} corrections={p.exitHistory.length} />}
        <div class="facts__row">
          <dt>Gewünschte Hilfe</dt>
          <dd>
            <HelpList help={p.entry.help} />
          </dd>
        </div>
      </dl>
    </section>
  );
}

/**
 * Input a user typed for an action that is no longer possible (someone else recorded the contact
 * or the withdrawal meanwhile): shown, not silently dropped, until they discard it.
 */
function LostDrafts({ record, can }: { record: ParticipantRecord; can: Record<ActionKind, boolean> }) {
  const [, rerender] = useState(0);
  const ref = useRef<HTMLDivElement>(null);
  const id = record.participant.id;
  const lost = (['contact', 'withdraw'] as const).filter((k) => !can[k] && draftHasInput(draftOf(id, k as 'contact')));
  useEffect(() => {
    if (lost.length) ref.current?.focus();
  }, [lost.length]);
  if (!lost.length) return null;
  return (
    <div class="notice notice--warning" tabindex={-1} ref={ref} role="alert">
      {lost.map((k) => {
        const d = k === 'contact' ? draftOf(id, 'contact') : draftOf(id, 'withdraw');
        return (
          <div key={k}>
            <p>
              <strong>{k === 'contact' ? 'Ihr Erstkontakt wurde nicht gespeichert' : 'Ihre Abmeldung wurde nicht gespeichert'}</strong>, weil die Akte inzwischen
              geändert wurde (siehe „Bisher erfasst“). Ihre Eingabe:
            </p>
            <p class="note">
              {d && 'channel' in d && d.channel ? `${CHANNEL_LABELS[d.channel]}${d.date ? ` am ${formatDay(d.date)}` : ''}. ` : ''}
              {d && 'reason' in d && d.reason ? `Grund: ${WITHDRAWAL_LABELS[d.reason]}. ` : ''}
              {d?.note ? `Notiz: „${d.note}“` : ''}
            </p>
            <button
              type="button"
              class="button button--secondary"
              onClick={() => {
                discardDraft(id, k);
                rerender((n) => n + 1);
              }}
            >
              Eingabe verwerfen
            </button>
          </div>
        );
      })}
    </div>
  );
}
