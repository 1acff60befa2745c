import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { BodyOf } from '../../common/api-client.js';
import { formatDateTime, formatDue, formatShortDateTime, formatWeekdayDay } from '../app/format.js';
import { DEADLINE_LABELS, countryName } from '../app/labels.js';
import { bodyText } from '../app/recognition-text.js';
import { Link, navigate, useFocusOnNavigation, withQuery } from '../app/router.js';
import { call } from '../app/session.js';
import { setTitle, type ViewProps } from '../app/views.js';
import { LoadProblem, Loading, Name, Reference } from '../components/common.js';
import { periodText } from './placements.js';
import { Assignee } from './participants.js';

/**
 * "Heute", the start page of counsellors and leads: who is waiting for a first contact (overdue
 * and longest waiting first, as the API orders them), whether the reminder or the escalation has
 * gone out, and what falls due in the next days; "meine" shows only the people assigned to the
 * user. It refreshes itself every 30 seconds with `If-None-Match`: while nothing changed the API
 * answers 304 and nothing on the page moves (no flicker, the focus stays where it is).
 */

type Today = BodyOf<'GetToday'>;
type Waiting = Today['waiting'][number];
type TodayPlacement = Today['placements'][number];
type TodayRecognition = Today['recognition'][number];

export const POLL_MS = 30_000;

const time = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' });

function waitedText(w: Waiting): string {
  const d = w.waitedWorkingDays;
  return d === 0 ? 'seit heute' : d === 1 ? 'seit 1 Arbeitstag' : `seit ${d} Arbeitstagen`;
}

export function TodayView({ me, query }: ViewProps) {
  const mine = query.get('zeige') === 'meine';
  const [today, setToday] = useState<Today | null>(null);
  const [status, setStatus] = useState<{ problem: boolean; checkedAt: Date | null }>({ problem: false, checkedAt: null });
  const etag = useRef<string | undefined>(undefined);
  const pollNow = useRef<() => void>(() => undefined);
  const heading = useFocusOnNavigation<HTMLHeadingElement>(today !== null || status.problem);
  setTitle('Heute');

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let inFlight = false;
    const poll = async () => {
      clearTimeout(timer);
      if (inFlight || stopped) return;
      inFlight = true;
      try {
        const res = await call('GetToday', { headers: etag.current ? { 'if-none-match': etag.current } : {} });
        if (stopped) return;
        if (res.status === 200 && res.ok) {
          etag.current = res.headers.get('etag') ?? undefined;
          setToday(res.body);
        }
        // 304: nothing changed; nothing on the page is touched but the time of the check.
        setStatus({ problem: !(res.ok || res.status === 304), checkedAt: new Date() });
      } catch {
        if (!stopped) setStatus((s) => ({ ...s, problem: true }));
      } finally {
        inFlight = false;
        if (!stopped && !document.hidden) timer = setTimeout(() => void poll(), POLL_MS);
      }
    };
    // A hidden tab does not poll; coming back refreshes at once.
    const onVisibility = () => {
      if (!document.hidden) void poll();
      else clearTimeout(timer);
    };
    document.addEventListener('visibilitychange', onVisibility);
    pollNow.current = () => void poll();
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, []);

  const waiting = (today?.waiting ?? []).filter((w) => !mine || w.participant.assignedTo?.sub === me.sub);
  const shown = new Map(waiting.map((w) => [w.participant.id, w.participant]));
  const upcoming = (today?.upcoming ?? []).filter((u) => shown.has(u.participantId));
  const overdue = waiting.filter((w) => w.overdue).length;

  return (
    <>
      <h1 ref={heading} tabindex={-1}>
        Heute
      </h1>
      <p class="lead">{me.site?.name}</p>

      <fieldset class="filter">
        <legend class="filter__legend">Anzeigen</legend>
        <div class="filter__options">
          {(['alle', 'meine'] as const).map((v) => (
            <label class="chip" key={v}>
              <input
                type="radio"
                class="chip__input"
                name="zeige"
                value={v}
                checked={(v === 'meine') === mine}
                onChange={() => navigate(withQuery('/today', { zeige: v === 'meine' ? 'meine' : undefined }), { replace: true })}
              />
              <span class="chip__label">
                {v}
                {v === 'meine' && <span class="visually-hidden"> (mir zugewiesen)</span>}
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      {!today && !status.problem && <Loading label="„Heute“ wird geladen …" />}
      {!today && status.problem && <LoadProblem onRetry={() => pollNow.current()} />}

      {today && (
        <div class="today">
          <section class="card" aria-labelledby="waiting-title">
            <h2 id="waiting-title">
              Warten auf den Erstkontakt <span class="count">{waiting.length}</span>
            </h2>
            <p class="muted">
              {waiting.length === 0
                ? mine
                  ? 'Niemand, der Ihnen zugewiesen ist, wartet auf einen Erstkontakt.'
                  : 'Niemand wartet auf einen Erstkontakt.'
                : overdue > 0
                  ? `${overdue} ${overdue === 1 ? 'Person ist' : 'Personen sind'} überfällig (mehr als zwei Arbeitstage). Überfällige zuerst.`
                  : 'Alle innerhalb der Frist von zwei Arbeitstagen. Wer am längsten wartet, steht oben.'}
            </p>
            {waiting.length > 0 && (
              <ul class="waiting">
                {waiting.map((w) => (
                  <WaitingRow key={w.participant.id} w={w} me={me} />
                ))}
              </ul>
            )}
            {today.truncated && <p class="muted">Es gibt mehr Einträge, als hier Platz haben; die Liste der Teilnehmenden zeigt alle.</p>}
          </section>

          <PlacementsCard placements={today.placements} />
          <RecognitionCard items={today.recognition} />

          <section class="card" aria-labelledby="upcoming-title">
            <h2 id="upcoming-title">In den nächsten Tagen</h2>
            {upcoming.length === 0 ? (
              <p class="muted">In den nächsten sieben Tagen ist nichts fällig.</p>
            ) : (
              <ul class="upcoming">
                {upcoming.map((u) => {
                  const p = shown.get(u.participantId)!;
                  return (
                    <li key={`${u.kind}-${u.participantId}`} class="upcoming__item">
                      <span class="upcoming__when">{formatDue(u.dueAt)}</span>
                      <span class="upcoming__who">
                        <Link to={`/participants/${u.participantId}`}>
                          <Name first={p.firstName} last={p.lastName} />
                        </Link>
                        <Reference value={u.reference} />
                      </span>
                      <span>{u.kind === 'intake.escalation' ? 'Eskalation an die Leitung' : 'Erinnerung an das Team'}, falls bis dahin kein Erstkontakt</span>
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        </div>
      )}

      <p class="muted refresh-note">
        Aktualisiert sich alle 30 Sekunden von selbst
        {status.checkedAt ? ` · zuletzt um ${time.format(status.checkedAt)}` : ''}
        {status.problem && today ? ' · gerade keine Verbindung, es wird weiter versucht' : ''}.
      </p>
    </>
  );
}

function WaitingRow({ w, me }: { w: Waiting; me: ViewProps['me'] }) {
  const p = w.participant;
  return (
    <li class={w.overdue ? 'waiting__item waiting__item--overdue' : 'waiting__item'}>
      <div class="waiting__head">
        <Link to={`/participants/${p.id}`} class="row-link">
          <Name first={p.firstName} last={p.lastName} />
        </Link>
        <Reference value={p.reference} />
        {w.overdue && <span class="badge badge--overdue">überfällig</span>}
        {w.escalatedAt && <span class="badge badge--escalated">eskaliert</span>}
      </div>
      <dl class="waiting__facts">
        <div>
          <dt>Wartet</dt>
          <dd>
            {waitedText(w)} (angemeldet {formatShortDateTime(w.waitingSince)})
          </dd>
        </div>
        <div>
          <dt>Erinnerung</dt>
          <dd>{w.reminderSentAt ? `an das Team versandt am ${formatDateTime(w.reminderSentAt)}` : `noch nicht; fällig ${formatDue(w.dueAt)}`}</dd>
        </div>
        <div>
          <dt>Eskalation</dt>
          <dd>
            {w.escalatedAt
              ? `an die Leitung versandt am ${formatDateTime(w.escalatedAt)}`
              : w.reminderSentAt && w.nextDueAt
                ? `noch nicht; am ${formatDue(w.nextDueAt)}, falls kein Erstkontakt`
                : 'noch nicht'}
          </dd>
        </div>
        <div>
          <dt>Zuständig</dt>
          <dd>
            <Assignee assignee={p.assignedTo} me={me} />
          </dd>
        </div>
      </dl>
    </li>
  );
}

const days = (n: number) => (n === 0 ? 'seit heute' : n === 1 ? 'seit 1 Arbeitstag' : `seit ${n} Arbeitstagen`);

/** Trial placements: waiting for the employer's answer (longest first), then feedback due; the site's, not only "meine". */
function PlacementsCard({ placements }: { placements: TodayPlacement[] }) {
  const answers = placements.filter((t) => t.kind === 'placement.answer');
  const feedback = placements.filter((t) => t.kind === 'placement.feedback');
  return (
    <section class="card" aria-labelledby="placements-today-title">
      <h2 id="placements-today-title">
        Erprobungen <span class="count">{placements.length}</span>
      </h2>
      {placements.length === 0 && <p class="muted">Keine Erprobung wartet auf den Betrieb, keine Rückmeldung ist fällig.</p>}
      {answers.length > 0 && (
        <>
          <h3 class="today__sub">Warten auf die Antwort des Betriebs</h3>
          <ul class="agenda">
            {answers.map((t) => (
              <PlacementRow key={t.placement.id} t={t}>
                <div>
                  <dt>Wartet</dt>
                  <dd>
                    {days(t.waitedWorkingDays)} (angefragt {formatShortDateTime(t.waitingSince)})
                  </dd>
                </div>
                <div>
                  <dt>Erinnert</dt>
                  <dd>
                    {t.remindersSent === 0 ? 'noch nicht' : t.remindersSent === 1 ? 'einmal' : `${t.remindersSent}-mal`}
                    {t.nextDueAt ? `; nächster Schritt ${formatDue(t.nextDueAt)}` : ''}
                  </dd>
                </div>
                <div>
                  <dt>Läuft ab</dt>
                  <dd>{formatDue(t.dueAt)}, falls keine Antwort</dd>
                </div>
              </PlacementRow>
            ))}
          </ul>
        </>
      )}
      {feedback.length > 0 && (
        <>
          <h3 class="today__sub">Rückmeldung fällig</h3>
          <ul class="agenda">
            {feedback.map((t) => (
              <PlacementRow key={t.placement.id} t={t}>
                <div>
                  <dt>Letzter Tag</dt>
                  <dd>{formatDue(t.dueAt)}</dd>
                </div>
                <div>
                  <dt>Rückmeldung</dt>
                  <dd>
                    {t.remindersSent >= 2
                      ? `fehlt ${days(t.waitedWorkingDays)}; bitte beim Betrieb nachfragen und das Ergebnis erfassen`
                      : t.overdue
                        ? `erbeten ${days(t.waitedWorkingDays)}${t.remindersSent === 1 ? ', eine Erinnerung versandt' : ''}`
                        : 'wird am letzten Tag beim Betrieb erbeten'}
                  </dd>
                </div>
              </PlacementRow>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function PlacementRow({ t, children }: { t: TodayPlacement; children: ComponentChildren }) {
  const p = t.placement;
  return (
    <li class={(t.kind === 'placement.answer' ? t.overdue : t.remindersSent >= 2) ? 'agenda__item agenda__item--overdue' : 'agenda__item'}>
      <div class="waiting__head">
        <Link to={`/placements/${p.id}`} class="row-link">
          <bdi>{p.employerName}</bdi>
        </Link>
        <span>
          <bdi>{p.role}</bdi>, {periodText(p)}
        </span>
        <Link to={`/participants/${p.participantId}`} class="link-target">
          Akte <Reference value={p.participantReference} />
        </Link>
        {t.kind === 'placement.answer' && t.overdue && <span class="badge badge--overdue">überfällig</span>}
        {t.kind === 'placement.feedback' && t.remindersSent >= 2 && <span class="badge badge--overdue">Rückmeldung fehlt</span>}
      </div>
      <dl class="waiting__facts">{children}</dl>
    </li>
  );
}

/** Recognition deadlines: overdue ones first, then those due within 7 days (the API's order); the site's, not only "meine". */
function RecognitionCard({ items }: { items: TodayRecognition[] }) {
  const overdue = items.filter((t) => t.overdue).length;
  return (
    <section class="card" aria-labelledby="recognition-today-title">
      <h2 id="recognition-today-title">
        Anerkennung <span class="count">{items.length}</span>
      </h2>
      <p class="muted">
        {items.length === 0
          ? 'Keine Frist einer Stelle ist überfällig oder in den nächsten sieben Tagen fällig.'
          : overdue > 0
            ? `${overdue} ${overdue === 1 ? 'Frist ist' : 'Fristen sind'} überfällig – bitte bei der Stelle nachfragen. Überfällige zuerst.`
            : 'Fristen der Stellen, die in den nächsten sieben Tagen enden.'}
      </p>
      {items.length > 0 && (
        <ul class="agenda">
          {items.map((t) => (
            <li key={`${t.case.id}-${t.deadline}`} class={t.overdue ? 'agenda__item agenda__item--overdue' : 'agenda__item'}>
              <div class="waiting__head">
                <Link to={`/recognition-cases/${t.case.id}`} class="row-link">
                  <bdi>{t.case.profession}</bdi>
                </Link>
                <span>
                  {countryName(t.case.country)} · <bdi>{bodyText(t.case.competentBody, t.case.competentBodyName)}</bdi>
                </span>
                <Link to={`/participants/${t.case.participantId}`} class="link-target">
                  Akte <Reference value={t.case.participantReference} />
                </Link>
                {t.overdue && <span class="badge badge--overdue">überfällig</span>}
              </div>
              <dl class="waiting__facts">
                <div>
                  <dt>Frist</dt>
                  <dd>
                    {DEADLINE_LABELS[t.deadline]} {t.overdue ? 'war fällig am' : 'fällig am'} {formatWeekdayDay(t.due)} ({t.basis})
                  </dd>
                </div>
                <div>
                  <dt>Berechnung</dt>
                  <dd>{t.explanation}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
