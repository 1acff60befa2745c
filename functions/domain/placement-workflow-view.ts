import type { Placement } from '../../schemas/model/placement.js';
import type { WorkflowEvent } from '../../schemas/model/workflow.js';
import { nextDueAt } from './placement-rules.js';
import { readHistory, STATUS_TEXT, type StepOutput, type WorkflowView } from './workflow-view.js';

/**
 * The TrialPlacement workflow in German words for staff (pure): what it did (from the steps'
 * outputs, which say what each did now), where it waits, and what is due next.
 */

const DONE: Record<string, Record<string, string>> = {
  SendRequest: { request: 'Anfrage an den Betrieb versandt' },
  AnswerDue: {
    first_reminder: 'Erinnerung an den Betrieb versandt',
    second_reminder: 'Zweite Erinnerung an den Betrieb versandt',
    expired: 'Keine Antwort nach zehn Arbeitstagen – Anfrage abgelaufen, Team informiert',
  },
  HandleAnswer: {
    confirm: 'Zusage des Betriebs – Team und teilnehmende Person informiert',
    decline: 'Absage des Betriebs – Team informiert',
  },
  SendCheckIn: { sent: 'Halbzeit-Nachfrage an den Betrieb versandt' },
  SendFeedbackRequest: { request: 'Bitte um Rückmeldung an den Betrieb versandt' },
  FeedbackDue: {
    first_reminder: 'Erinnerung zur Rückmeldung an den Betrieb versandt',
    team_asked: 'Keine Rückmeldung – Team gebeten, das Ergebnis zu erfassen',
  },
  RecordOutcome: { recorded: 'Ergebnis beim Teilnehmenden erfasst' },
};

const WAITING: Record<string, string> = {
  AwaitAnswer: 'wartet auf die Antwort des Betriebs; sonst Erinnerung oder Ablauf der Anfrage',
  WaitForCheckIn: 'Erprobung zugesagt; wartet auf die Halbzeit-Nachfrage',
  WaitForLastDay: 'Erprobung läuft; wartet auf den letzten Tag',
  AwaitFeedback: 'wartet auf die Rückmeldung des Betriebs',
};

/** What a step's output says it did now (the key of DONE[state]). */
function didNow(state: string, lazyOutput: StepOutput): string | undefined {
  if (!DONE[state]) return undefined;
  const output = lazyOutput();
  if (!output) return undefined;
  switch (state) {
    case 'SendRequest':
    case 'AnswerDue':
    case 'SendFeedbackRequest':
    case 'FeedbackDue':
      return output['wait']?.['done'];
    case 'HandleAnswer':
      return output['schedule']?.['decision'];
    case 'SendCheckIn':
      return output['checkIn']?.['sent'] ? 'sent' : undefined;
    case 'RecordOutcome':
      return output['outcome']?.['recorded'] ? 'recorded' : undefined;
    default:
      return undefined;
  }
}

export function placementWorkflowView(status: string, events: WorkflowEvent[], p: Placement): WorkflowView {
  const { history, current } = readHistory(
    events,
    (state, output) => {
      const done = didNow(state, output);
      return done ? DONE[state]?.[done] : undefined;
    },
    'Ablauf beendet (Erprobung abgesagt)',
  );
  const running = status === 'RUNNING';
  const currentState = running ? current : null;
  const now = new Date();
  const next = (() => {
    if (!running) return null;
    if (currentState === 'AwaitAnswer' || currentState === 'AnswerDue') return p.answerDue ? nextDueAt(p.answerDue, now) : null;
    if (currentState === 'WaitForCheckIn') return p.checkInAt ?? null;
    if (currentState === 'WaitForLastDay') return p.feedbackAt ?? null;
    if (currentState === 'AwaitFeedback' || currentState === 'FeedbackDue') return p.feedbackDue ? nextDueAt(p.feedbackDue, now) : null;
    return null;
  })();
  return {
    name: 'placement',
    title: 'Betriebliche Erprobung',
    status,
    statusText: STATUS_TEXT[status] ?? status,
    currentState,
    currentStateText: currentState ? (WAITING[currentState] ?? currentState) : null,
    nextDueAt: next,
    history,
  };
}
