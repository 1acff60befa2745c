import type { WorkflowEvent } from '../../schemas/model/workflow.js';

/**
 * Workflow state in human terms for staff (German, the staff language): what the intake workflow
 * did, where it stands, and what is due next. Pure: takes what Step Functions reports.
 */

export const STATUS_TEXT: Record<string, string> = {
  RUNNING: 'läuft',
  SUCCEEDED: 'abgeschlossen',
  FAILED: 'fehlgeschlagen – bitte die Technik informieren',
  TIMED_OUT: 'abgelaufen – bitte die Technik informieren',
  ABORTED: 'vorzeitig beendet',
  PENDING_REDRIVE: 'wartet auf Wiederholung',
  UNKNOWN: 'Status nicht abrufbar',
};

/** What a finished step means, by state name. */
const DONE_TEXT: Record<string, string> = {
  RegisterParticipant: 'Anmeldung registriert',
  SendConfirmation: 'Bestätigung an die teilnehmende Person versandt (falls E-Mail angegeben)',
  NotifyTeam: 'Team über die neue Anmeldung informiert',
  ScheduleFollowUp: 'Fristen für den Erstkontakt gesetzt',
  SendReminder: 'Erinnerung an das Team versandt',
  EscalateFollowUp: 'An die Standortleitung eskaliert',
};

/** Where a running workflow stands, by current state name. */
const WAITING_TEXT: Record<string, string> = {
  WaitForFirstContact: 'wartet auf den Erstkontakt; sonst Erinnerung an das Team',
  WaitForEscalation: 'wartet auf den Erstkontakt; sonst Eskalation an die Leitung',
};

export interface WorkflowView {
  name: string;
  title: string;
  status: string;
  statusText: string;
  currentState: string | null;
  currentStateText: string | null;
  nextDueAt: string | null;
  history: { at: string; text: string }[];
}

/** A step's output, parsed only when a text needs it (history outputs can be large). */
export type StepOutput = () => Record<string, any> | undefined;

/**
 * Walks an execution's history into the staff's timeline (shared by every workflow's view): the
 * start, each finished step that `stepText` names, the end; and the state it is in now.
 */
export function readHistory(
  events: WorkflowEvent[],
  stepText: (state: string, output: StepOutput) => string | undefined,
  abortedText: string,
): { history: { at: string; text: string }[]; current: string | null } {
  const history: { at: string; text: string }[] = [];
  let current: string | null = null;
  for (const e of events) {
    const at = e.timestamp ? new Date(e.timestamp).toISOString() : '';
    if (e.type === 'ExecutionStarted') history.push({ at, text: 'Ablauf gestartet' });
    const entered = e.stateEnteredEventDetails?.name;
    if (entered) current = entered;
    const exited = e.stateExitedEventDetails?.name;
    if (exited) {
      const text = stepText(exited, () => safeJson(e.stateExitedEventDetails?.output));
      if (text) history.push({ at, text });
    }
    if (e.type === 'ExecutionSucceeded') history.push({ at, text: 'Ablauf abgeschlossen' });
    if (e.type === 'ExecutionAborted') history.push({ at, text: abortedText });
    if (e.type === 'ExecutionFailed' || e.type === 'ExecutionTimedOut') history.push({ at, text: 'Ablauf fehlgeschlagen' });
  }
  return { history, current };
}

function intakeStepText(state: string, output: StepOutput): string | undefined {
  if (state === 'SendReminder' || state === 'EscalateFollowUp') {
    // These steps end the follow-up quietly when a contact was recorded meanwhile.
    const followUp = output()?.['followUp'] as { done?: boolean; sent?: boolean } | undefined;
    if (followUp?.sent) return DONE_TEXT[state];
    if (followUp?.done && state === 'SendReminder') return 'Erstkontakt erfasst – keine Erinnerung nötig';
    return undefined;
  }
  return DONE_TEXT[state];
}

export function intakeWorkflowView(
  status: string,
  events: WorkflowEvent[],
  due: { reminderDueAt?: string; escalationDueAt?: string } | undefined,
): WorkflowView {
  const { history, current } = readHistory(events, intakeStepText, 'Ablauf beendet (Erstkontakt erfasst oder abgemeldet)');
  const running = status === 'RUNNING';
  const currentState = running ? current : null;
  const nextDueAt =
    running && currentState === 'WaitForFirstContact'
      ? (due?.reminderDueAt ?? null)
      : running && currentState === 'WaitForEscalation'
        ? (due?.escalationDueAt ?? null)
        : null;
  return {
    name: 'intake',
    title: 'Anmeldung und Erstkontakt',
    status,
    statusText: STATUS_TEXT[status] ?? status,
    currentState,
    currentStateText: currentState ? (WAITING_TEXT[currentState] ?? DONE_TEXT[currentState] ?? currentState) : null,
    nextDueAt,
    history,
  };
}

function safeJson(text: string | undefined): Record<string, any> | undefined {
  try {
    return text ? (JSON.parse(text) as Record<string, any>) : undefined;
  } catch {
    return undefined;
  }
}
