/**
 * What the domain needs of a Step Functions execution: its status and the events of its history
 * (a subset of the SDK's HistoryEvent, so domain code imports no SDK type).
 */
export interface WorkflowEvent {
  timestamp?: Date | string;
  type?: string;
  stateEnteredEventDetails?: { name?: string };
  stateExitedEventDetails?: { name?: string; output?: string };
}

export interface ExecutionState {
  status: string;
  events: WorkflowEvent[];
}
