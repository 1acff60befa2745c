import type { ComponentChildren, RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { BodyOf } from '../../common/api-client.js';
import { formatDateTime, formatDay } from '../app/format.js';
import { PLACEMENT_OUTCOME_LABELS, labelOf } from '../app/labels.js';
import { Link, useFocusOnNavigation } from '../app/router.js';
import { useRecordLoad } from '../app/record-load.js';
import { call } from '../app/session.js';
import { setTitle, type ViewProps } from '../app/views.js';
import { LoadProblem, Loading, Notice, Reference } from '../components/common.js';
import type { Saved } from '../components/forms.js';
import { WorkflowTimeline } from '../components/timeline.js';
import { CancelPlacementForm, OutcomeForm, ResendLinkForm, type PlacementAction } from './placement-actions.js';
import { PlacementStatusBadge, periodText } from './placements.js';

/**
 * One trial placement: what was agreed, the employer's answer and feedback, the workflow as a
 * timeline, and the actions the state allows. Another site's placement answers 404 like an
 * unknown id, and the view says "nicht gefunden".
 */

type PlacementRecord = BodyOf<'GetPlacement'>;
type Detail = PlacementRecord['placement'];


/** Which actions the placement's state allows (the API decides; this only hides what it would refuse). */
export function allowedActions(p: Detail): Record<PlacementAction, boolean> {
  const feedbackOpen = p.status === 'confirmed' && p.linkPurpose === 'feedback' && !!p.feedbackDue && !p.feedback;
  return {
    cancel: p.status === 'requested' || p.status === 'confirmed',
    resend: (p.status === 'requested' && !p.answer) || feedbackOpen,
    outcome: p.status === 'confirmed' && !p.feedback,
  };
}

export function PlacementView({ params }: ViewProps) {
  const id = params['id'] ?? '';
  const [open, setOpen] = useState<PlacementAction | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const savedRef = useRef<HTMLDivElement>(null);
  const { load, setLoad, read } = useRecordLoad<PlacementRecord>(id, () => call('GetPlacement', { params: { id } }), () => {
    setOpen(null);
    setSaved(null);
  });
  const heading = useFocusOnNavigation<HTMLHeadingElement>(load.kind !== 'loading');

  useEffect(() => {
    if (saved) savedRef.current?.focus();
  }, [saved]);

  if (load.kind === 'not-found') return <NotFound heading={heading} />;
  if (load.kind !== 'ready') {
    setTitle('Erprobung');
    return (
      <>
        <BackLink />
        <h1 ref={heading} tabindex={-1}>
          Erprobung
        </h1>
        {load.kind === 'loading' ? (
          <Loading label="Die Erprobung wird geladen …" />
        ) : (
          <LoadProblem
            message="Die Erprobung konnte nicht geladen werden. Bitte prüfen Sie die Verbindung."
            onRetry={() => {
              setLoad({ kind: 'loading' });
              void read();
            }}
          />
        )}
      </>
    );
  }

  const { placement: p, participant, workflow } = load.record;
  setTitle(`Erprobung bei ${p.employer.name}`);
  const can = allowedActions(p);
  const formProps = {
    placementId: p.id,
    version: p.version,
    reload: read,
    onSaved: (s: Saved) => {
      setOpen(null);
      void read().then(() => setSaved(s));
    },
    onCancel: () => setOpen(null),
    onNotFound: () => setLoad({ kind: 'not-found' }),
  };
  const start = (a: PlacementAction) => {
    setSaved(null);
    setOpen(a);
  };

  return (
    <>
      <BackLink />
      <div class="record-head">
        <h1 ref={heading} tabindex={-1} class="record-head__name">
          <bdi>{p.employer.name}</bdi>
        </h1>
        <PlacementStatusBadge status={p.status} />
      </div>
      <p class="record-meta">
        <span>
          <bdi>{p.role}</bdi>, {periodText(p)}
        </span>
        <span>
          für{' '}
          <Link to={`/participants/${participant.id}`} class="link-target">
            Akte <Reference value={participant.reference} />
          </Link>
        </span>
        <span>angefragt am {formatDateTime(p.createdAt)}</span>
      </p>

      {saved && (
        <div class="notice notice--success" role="status" tabindex={-1} ref={savedRef}>
          <p>{saved.message}</p>
        </div>
      )}
      <StateNotice p={p} />

      <div class="record">
        <div class="record__side">
          {(can.cancel || can.resend || can.outcome) && (
            <section class="card card--actions" aria-labelledby="actions-title">
              <h2 id="actions-title">Was ist zu tun?</h2>
              {!open && (
                <div class="actions actions--start">
                  {can.outcome && (
                    <button type="button" class="button button--primary" onClick={() => start('outcome')}>
                      Ergebnis erfassen
                    </button>
                  )}
                  {can.resend && (
                    <button type="button" class="button button--secondary" onClick={() => start('resend')}>
                      Neuen Link senden
                    </button>
                  )}
                  {can.cancel && (
                    <button type="button" class="button button--secondary" onClick={() => start('cancel')}>
                      Erprobung absagen
                    </button>
                  )}
                </div>
              )}
              {open === 'outcome' && can.outcome && <OutcomeForm {...formProps} />}
              {open === 'resend' && can.resend && <ResendLinkForm {...formProps} email={p.employer.email} />}
              {open === 'cancel' && can.cancel && <CancelPlacementForm {...formProps} employerAsked={!!p.requestSentAt} />}
            </section>
          )}
          <section class="card" aria-labelledby="workflow-title">
            <h2 id="workflow-title">Ablauf</h2>
            {workflow ? <WorkflowTimeline workflow={workflow} /> : <p class="muted">Der Ablauf ist noch nicht gestartet oder gerade nicht lesbar.</p>}
          </section>
        </div>
        <div class="record__main">
          <AnswerSection p={p} />
          <AgreedSection p={p} />
          <EmployerSection p={p} />
        </div>
      </div>
    </>
  );
}

function Row({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="facts__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const quote = (reason: string | null) => (reason ? <span class="note">„{reason}“</span> : null);

/** What the state means for the counsellor, in one sentence. */
function StateNotice({ p }: { p: Detail }) {
  if (p.status === 'requested' && p.answerDue)
    return (
      <Notice kind="info">
        <p>
          Wartet auf die Antwort des Betriebs. {p.answerDue.secondReminderSentAt ? 'Zwei Erinnerungen sind versandt. ' : p.answerDue.firstReminderSentAt ? 'Eine Erinnerung ist versandt. ' : ''}
          Ohne Antwort läuft die Anfrage am {formatDateTime(p.answerDue.closesAt)} ab.
        </p>
      </Notice>
    );
  if (p.status === 'confirmed' && p.feedbackDue?.secondReminderSentAt && !p.feedback)
    return (
      <Notice kind="warning">
        <p>
          <strong>Der Betrieb hat keine Rückmeldung gegeben.</strong> Bitte fragen Sie nach und erfassen Sie das Ergebnis („Ergebnis erfassen“).
        </p>
      </Notice>
    );
  if (p.status === 'expired')
    return (
      <Notice kind="warning">
        <p>Der Betrieb hat innerhalb von zehn Arbeitstagen nicht geantwortet; die Anfrage ist abgelaufen{p.expiredAt ? ` (am ${formatDateTime(p.expiredAt)})` : ''}.</p>
      </Notice>
    );
  if (p.cancellation && p.requestSentAt && !p.cancellation.employerToldAt)
    return (
      <Notice kind="warning">
        <p>Die Absage konnte dem Betrieb noch nicht per E-Mail mitgeteilt werden. Bitte informieren Sie ihn telefonisch.</p>
      </Notice>
    );
  return null;
}

function AnswerSection({ p }: { p: Detail }) {
  return (
    <section class="card" aria-labelledby="answer-title">
      <h2 id="answer-title">Antwort und Ergebnis</h2>
      <dl class="facts">
        <Row label="Anfrage versandt">{p.requestSentAt ? formatDateTime(p.requestSentAt) : 'noch nicht'}</Row>
        {p.linksResent > 0 && <Row label="Neue Links">{p.linksResent === 1 ? 'einmal neu gesandt' : `${p.linksResent}-mal neu gesandt`}</Row>}
        <Row label="Antwort des Betriebs">
          {p.answer ? (
            <>
              {p.answer.decision === 'confirm' ? 'zugesagt' : 'abgesagt'} am {formatDateTime(p.answer.at)}
              {quote(p.answer.reason)}
            </>
          ) : p.status === 'expired' ? (
            'keine (abgelaufen)'
          ) : (
            'noch keine'
          )}
        </Row>
        {p.checkInAt && <Row label="Halbzeit-Nachfrage">{p.checkInSentAt ? `versandt am ${formatDateTime(p.checkInSentAt)}` : `geplant am ${formatDateTime(p.checkInAt)}`}</Row>}
        {p.feedbackAt && (
          <Row label="Bitte um Rückmeldung">{p.feedbackRequestSentAt ? `versandt am ${formatDateTime(p.feedbackRequestSentAt)}` : `geplant am ${formatDateTime(p.feedbackAt)}`}</Row>
        )}
        {p.feedback && (
          <Row label="Ergebnis">
            <strong>{labelOf(PLACEMENT_OUTCOME_LABELS, p.feedback.outcome)}</strong> ({p.feedback.by === 'employer' ? 'vom Betrieb' : 'vom Team erfasst'} am {formatDateTime(p.feedback.at)})
            {quote(p.feedback.reason)}
          </Row>
        )}
        {p.cancellation && (
          <Row label="Abgesagt">
            am {formatDateTime(p.cancellation.at)}
            {p.cancellation.employerToldAt ? `, Betrieb informiert am ${formatDateTime(p.cancellation.employerToldAt)}` : ''}
            {quote(p.cancellation.reason)}
          </Row>
        )}
      </dl>
    </section>
  );
}

function AgreedSection({ p }: { p: Detail }) {
  return (
    <section class="card" aria-labelledby="agreed-title">
      <h2 id="agreed-title">Vereinbart</h2>
      <dl class="facts">
        <Row label="Tätigkeit">
          <bdi>{p.role}</bdi>
        </Row>
        <Row label="Zeitraum">
          {formatDay(p.startDate)} bis {formatDay(p.endDate)} ({p.days} {p.days === 1 ? 'Tag' : 'Tage'}, höchstens {p.maxDays})
        </Row>
        <Row label="Stunden pro Woche">{String(p.weeklyHours).replace('.', ',')}</Row>
        {p.tasks && (
          <Row label="Aufgaben">
            <bdi>{p.tasks}</bdi>
          </Row>
        )}
        {p.place && (
          <Row label="Ort">
            <bdi>{p.place}</bdi>
          </Row>
        )}
        {p.supervisor && (
          <Row label="Anleitung im Betrieb">
            <bdi>{p.supervisor.name}</bdi>,{' '}
            <a href={`tel:${p.supervisor.phone}`} dir="ltr">
              {p.supervisor.phone}
            </a>
          </Row>
        )}
        {p.accidentInsurance && (
          <Row label="Unfallversicherung">
            <bdi>{p.accidentInsurance}</bdi>
          </Row>
        )}
        <Row label="Schwerwiegende Vermittlungshemmnisse">{p.seriousObstacles ? 'ja' : 'nein'}</Row>
        {p.note && (
          <Row label="Notiz">
            <bdi>{p.note}</bdi>
          </Row>
        )}
      </dl>
    </section>
  );
}

function EmployerSection({ p }: { p: Detail }) {
  const e = p.employer;
  return (
    <section class="card" aria-labelledby="employer-title">
      <h2 id="employer-title">Betrieb</h2>
      <dl class="facts">
        <Row label="Name">
          <bdi>{e.name}</bdi>
        </Row>
        {e.contactErasedAt ? (
          <Row label="Ansprechperson">
            Kontaktdaten ein Jahr nach dem Ende der Erprobung gelöscht (am {formatDateTime(e.contactErasedAt)})
          </Row>
        ) : (
          <>
            <Row label="Ansprechperson">
              <bdi>{e.contactName}</bdi>
            </Row>
            <Row label="E-Mail">
              <a href={`mailto:${e.email}`} dir="ltr">
                {e.email}
              </a>
            </Row>
          </>
        )}
        {e.phone && (
          <Row label="Telefon">
            <a href={`tel:${e.phone}`} dir="ltr">
              {e.phone}
            </a>
          </Row>
        )}
        {e.address && (
          <Row label="Adresse">
            <bdi>{e.address}</bdi>
          </Row>
        )}
      </dl>
    </section>
  );
}

function BackLink() {
  return (
    <p class="back">
      <Link to="/placements">
        <span aria-hidden="true">← </span>Alle Erprobungen
      </Link>
    </p>
  );
}

function NotFound({ heading }: { heading: RefObject<HTMLHeadingElement | null> }) {
  setTitle('Nicht gefunden');
  return (
    <>
      <h1 ref={heading} tabindex={-1}>
        Erprobung nicht gefunden
      </h1>
      <Notice kind="warning">
        <p>Diese Erprobung wurde nicht gefunden. Vielleicht ist der Link unvollständig, oder sie gehört zu einem anderen Standort.</p>
      </Notice>
      <p>
        <Link to="/placements" class="link-target">
          Zur Liste der Erprobungen
        </Link>
      </p>
    </>
  );
}
