import { SFNClient } from '@aws-sdk/client-sfn';

/** One Step Functions client per process (locally AWS_ENDPOINT_URL_SFN points at the local runner). */
export const sfn = new SFNClient({});
