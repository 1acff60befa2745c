import { DescribeExecutionCommand, GetExecutionHistoryCommand, StopExecutionCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import { sfn } from '../lib/workflows-client.js';

/** Step Functions access in one place, beside the table's entity module (handlers make no SDK calls). */

export async function describeExecution(executionArn: string): Promise<{ status: string; events: HistoryEvent[] }> {
  const [execution, events] = await Promise.all([sfn.send(new DescribeExecutionCommand({ executionArn })), history(executionArn)]);
  return { status: execution.status ?? 'UNKNOWN', events };
}

async function history(executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
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
