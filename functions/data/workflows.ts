import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { ExecutionState, WorkflowEvent } from '../../schemas/model/workflow.js';
import { sfn } from '../clients/sfn.js';
import { stateMachineArn } from '../lib/config.js';

/** Step Functions access in one place, beside the table's entity modules (handlers make no SDK calls). */

export async function describeExecution(executionArn: string): Promise<ExecutionState> {
  const [execution, events] = await Promise.all([sfn.send(new DescribeExecutionCommand({ executionArn })), history(executionArn)]);
  return { status: execution.status ?? 'UNKNOWN', events };
}

async function history(executionArn: string): Promise<WorkflowEvent[]> {
  const events: WorkflowEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 200, nextToken, includeExecutionData: true }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken && events.length < 1000);
  return events;
}

export async function stopExecution(executionArn: string, cause: string): Promise<void> {
  await sfn.send(new StopExecutionCommand({ executionArn, cause }));
}

/* The TrialPlacement workflow: one execution per placement, named by the placement id. */

/** The variable CDK and the local cloud set for the registry's callers (infra/workflow-specs.ts `stateMachineArnVariable`). */
export const TRIAL_PLACEMENT_ARN_VARIABLE = 'TRIAL_PLACEMENT_STATE_MACHINE_ARN';

/** The execution of a placement: `…:execution:<state machine>:<placement id>`. */
export function placementExecutionArn(placementId: string): string {
  return `${stateMachineArn(TRIAL_PLACEMENT_ARN_VARIABLE).replace(':stateMachine:', ':execution:')}:${placementId}`;
}

/**
 * Starts the placement's workflow with its id only. The name is the id, so a retried request
 * starts nothing twice: the same name and input returns the running execution, and an execution
 * that has ended already (ExecutionAlreadyExists) is the one this placement had.
 */
export async function startPlacementWorkflow(placementId: string): Promise<void> {
  try {
    await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: stateMachineArn(TRIAL_PLACEMENT_ARN_VARIABLE),
        name: placementId,
        input: JSON.stringify({ placementId }),
      }),
    );
  } catch (err) {
    if (!(err instanceof ExecutionAlreadyExists)) throw err;
  }
}

export async function stopPlacementExecution(placementId: string, cause: string): Promise<void> {
  await stopExecution(placementExecutionArn(placementId), cause);
}

/** The placement's execution as staff read it; undefined when it never started. */
export async function describePlacementExecution(placementId: string): Promise<ExecutionState | undefined> {
  try {
    return await describeExecution(placementExecutionArn(placementId));
  } catch (err) {
    if (err instanceof ExecutionDoesNotExist) return undefined;
    throw err;
  }
}

/** Hands the employer's answer to the waiting callback (the output carries no personal data). */
export async function sendTaskSuccess(taskToken: string, output: Record<string, string | boolean>): Promise<void> {
  await sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
}

/* The RecognitionCase workflow: one execution per case, named by the case id (input: the id only). */

export const RECOGNITION_CASE_ARN_VARIABLE = 'RECOGNITION_CASE_STATE_MACHINE_ARN';

export function recognitionExecutionArn(caseId: string): string {
  return `${stateMachineArn(RECOGNITION_CASE_ARN_VARIABLE).replace(':stateMachine:', ':execution:')}:${caseId}`;
}

/** Starts the case's workflow (idempotent by name, like the placement's). */
export async function startRecognitionWorkflow(caseId: string): Promise<void> {
  try {
    await sfn.send(new StartExecutionCommand({ stateMachineArn: stateMachineArn(RECOGNITION_CASE_ARN_VARIABLE), name: caseId, input: JSON.stringify({ caseId }) }));
  } catch (err) {
    if (!(err instanceof ExecutionAlreadyExists)) throw err;
  }
}

/** The case's execution as staff read it; undefined when it never started. */
export async function describeRecognitionExecution(caseId: string): Promise<ExecutionState | undefined> {
  try {
    return await describeExecution(recognitionExecutionArn(caseId));
  } catch (err) {
    if (err instanceof ExecutionDoesNotExist) return undefined;
    throw err;
  }
}

/** What the access export says about an execution: status and times (no history, no data). UNKNOWN once Step Functions forgot it. */
export async function executionSummary(executionArn: string): Promise<{ status: string; startDate: string | null; stopDate: string | null }> {
  try {
    const e = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    return { status: e.status ?? 'UNKNOWN', startDate: e.startDate?.toISOString() ?? null, stopDate: e.stopDate?.toISOString() ?? null };
  } catch (err) {
    if (err instanceof ExecutionDoesNotExist) return { status: 'UNKNOWN', startDate: null, stopDate: null };
    throw err;
  }
}

/** Ends the case's workflow (the participant exited). */
export async function stopRecognitionExecution(caseId: string, cause: string): Promise<void> {
  await stopExecution(recognitionExecutionArn(caseId), cause);
}
