import { DescribeExecutionCommand, GetExecutionHistoryCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import type { ExecutionState, WorkflowEvent } from '../../schemas/model/workflow.js';
import { sfn } from '../clients/sfn.js';

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
