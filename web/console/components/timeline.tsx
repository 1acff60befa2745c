import type { BodyOf } from '../../common/api-client.js';
import { formatDateTime, formatDue } from '../app/format.js';

/**
 * A workflow as a timeline: what happened when (its history and the record's own events), where
 * it stands now, and what happens next and when — in the words the team mails use.
 */

export type WorkflowView = BodyOf<'GetParticipant'>['workflows'][number];

export interface TimelineEvent {
  at: string;
  text: string;
}

/** What the waiting state leads to, by state name (functions/domain/*-workflow-view.ts name them), and what would prevent it. */
const NEXT_STEP: Record<string, { step: string; unless?: string }> = {
  WaitForFirstContact: { step: 'Erinnerung an das Team', unless: 'falls kein Erstkontakt' },
  WaitForEscalation: { step: 'Eskalation an die Standortleitung', unless: 'falls kein Erstkontakt' },
  AwaitAnswer: { step: 'Erinnerung an den Betrieb oder Ablauf der Anfrage', unless: 'falls bis dahin keine Antwort kommt' },
  WaitForCheckIn: { step: 'Halbzeit-Nachfrage an den Betrieb' },
  WaitForLastDay: { step: 'Bitte um Rückmeldung an den Betrieb (letzter Tag)' },
  AwaitFeedback: { step: 'Erinnerung zur Rückmeldung, später Bitte an das Team', unless: 'falls bis dahin keine Rückmeldung kommt' },
  AwaitChange: { step: 'Nächste Erinnerung an das Team', unless: 'falls sich bis dahin nichts ändert' },
};

export function nextStepText(wf: WorkflowView, now = new Date()): string | undefined {
  if (!wf.nextDueAt) return undefined;
  const next = wf.currentState ? NEXT_STEP[wf.currentState] : undefined;
  return `${next?.step ?? 'Nächster Schritt'} am ${formatDue(wf.nextDueAt, now)}${next?.unless ? `, ${next.unless}` : ''}`;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function WorkflowTimeline({
  workflow,
  extra = [],
  statusText = workflow.statusText,
  headingLevel = 3,
}: {
  workflow: WorkflowView;
  /** Events of the record itself, placed in time among the workflow's. */
  extra?: TimelineEvent[];
  /** Clearer words for the status where the record knows why (a stop after the first contact is not a failure). */
  statusText?: string;
  headingLevel?: 2 | 3;
}) {
  const events = [...workflow.history, ...extra].filter((e) => e.at).sort((a, b) => a.at.localeCompare(b.at));
  const next = workflow.status === 'RUNNING' ? nextStepText(workflow) : undefined;
  const id = `wf-${workflow.name}`;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section class="workflow" aria-labelledby={id}>
      <Heading id={id} class="workflow__title">
        {workflow.title}
      </Heading>
      <p class="workflow__status">
        Stand des Ablaufs: <strong>{statusText}</strong>
      </p>
      <ol class="timeline">
        {events.map((e, i) => (
          <li class="timeline__item timeline__item--done" key={`${e.at}-${i}`}>
            <span class="timeline__when">
              <time dateTime={e.at}>{formatDateTime(e.at)}</time>
            </span>
            <span class="timeline__what">{e.text}</span>
          </li>
        ))}
        {workflow.currentStateText && (
          <li class="timeline__item timeline__item--now">
            <span class="timeline__when">Jetzt</span>
            <span class="timeline__what">{capitalise(workflow.currentStateText)}</span>
          </li>
        )}
        {next && (
          <li class="timeline__item timeline__item--next">
            <span class="timeline__when">Als Nächstes</span>
            <span class="timeline__what">{next}</span>
          </li>
        )}
      </ol>
    </section>
  );
}
