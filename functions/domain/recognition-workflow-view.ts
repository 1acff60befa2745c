import type { RecognitionCase } from '../../schemas/model/recognition.js';
import type { WorkflowEvent } from '../../schemas/model/workflow.js';
import type { ReminderKind } from './recognition-reminders.js';
import { workflowPlan } from './recognition-schedule.js';
import { readHistory, STATUS_TEXT, type StepOutput, type WorkflowView } from './workflow-view.js';

/**
 * The RecognitionCase workflow in German words for staff (pure): the reminders it sent (from the
 * step outputs, which name what each sent now), that it waits, and when the next reminder is due.
 */

export const REMINDER_TEXT: Record<ReminderKind, string> = {
  receipt_overdue: 'Eingangsbestätigung überfällig – Team informiert',
  decision_overdue: 'Entscheidung überfällig – Team informiert',
  translation_pending: 'Übersetzung seit drei Wochen beauftragt – Team erinnert',
  adaptation_follow_up: 'Vier Wochen nach der teilweisen Gleichwertigkeit nichts erfasst – Team erinnert',
};

const WAITING: Record<string, string> = {
  AwaitChange: 'verfolgt die Fristen; wartet auf die nächste Erinnerung oder eine Änderung am Fall',
};

function stepText(state: string, output: StepOutput): string | undefined {
  if (state !== 'SendReminders') return undefined;
  const sent = output()?.['wait']?.['sent'] as ReminderKind[] | undefined;
  return sent?.length ? sent.map((k) => REMINDER_TEXT[k] ?? k).join('; ') : undefined;
}

export function recognitionWorkflowView(status: string, events: WorkflowEvent[], c: RecognitionCase, now: Date = new Date()): WorkflowView {
  const { history, current } = readHistory(events, stepText, 'Ablauf beendet');
  const running = status === 'RUNNING';
  const currentState = running ? current : null;
  const plan = running ? workflowPlan(c, now) : undefined;
  return {
    name: 'recognition',
    title: 'Anerkennungsverfahren: Fristen und Erinnerungen',
    status,
    statusText: STATUS_TEXT[status] ?? status,
    currentState,
    currentStateText: currentState ? (WAITING[currentState] ?? currentState) : null,
    nextDueAt: plan?.next === 'wait' ? (plan.reminder?.remindAt ?? null) : null,
    history,
  };
}
