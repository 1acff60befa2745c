/**
 * AWS list prices the bench's cost line uses, for eu-central-1 (Europe (Frankfurt)), in US
 * dollars, as written down on the date below from the pages named. Free tiers are ignored (the
 * cost line is what the traffic costs on top of them): Lambda's 1M requests and 400,000 GB-s a
 * month, Step Functions' 4,000 transitions a month, SES's first-year allowance.
 *
 * When a price changes, change it here (and the date); the bench prints what changed with it.
 */
export interface Price {
  /** Dollars per `per` units. */
  usd: number;
  per: number;
  unit: string;
  region: 'eu-central-1';
  /** The day the figure was written down (YYYY-MM-DD). */
  recorded: string;
  source: string;
  /** How the figure was derived, where it is not read straight off the page for Frankfurt. */
  note?: string;
}

const RECORDED = '2026-12-01';
const REGION = 'eu-central-1' as const;

export const PRICES = {
  stateTransition: {
    usd: 0.025,
    per: 1_000,
    unit: 'state transition, Step Functions Standard',
    region: REGION,
    recorded: RECORDED,
    source: 'https://aws.amazon.com/step-functions/pricing/ (Europe (Frankfurt))',
    note: 'Step Functions counts a transition each time a step of the workflow is executed, retries included.',
  },
  email: {
    usd: 0.1,
    per: 1_000,
    unit: 'outbound e-mail, SES',
    region: REGION,
    recorded: RECORDED,
    source: 'https://aws.amazon.com/ses/pricing/',
    note: 'SES counts each recipient of a message as one e-mail; attachments (per GB) are not used here.',
  },
  lambdaRequest: {
    usd: 0.2,
    per: 1_000_000,
    unit: 'Lambda request',
    region: REGION,
    recorded: RECORDED,
    source: 'https://aws.amazon.com/lambda/pricing/',
  },
  lambdaArmGbSecond: {
    usd: 0.0000133334,
    per: 1,
    unit: 'GB-second of Lambda duration, arm64 (first tier, 7.5 billion GB-s a month)',
    region: REGION,
    recorded: RECORDED,
    source: 'https://aws.amazon.com/lambda/pricing/',
    note: 'The page lists $0.0000133334 for Arm in US East; as far as we know Frankfurt lists the same figure (the x86 figure, $0.0000166667, is the same in both). Check the page with Frankfurt selected.',
  },
  writeRequestUnit: {
    usd: 0.7625,
    per: 1_000_000,
    unit: 'write request unit, DynamoDB on-demand (Standard table class)',
    region: REGION,
    recorded: RECORDED,
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    note: "Derived, not read off the page: US East's $0.625 per million WRU after the on-demand price cut of 1 November 2024 (-50 %, in every region), times Frankfurt's factor over US East before it ($1.525 against $1.25 per million, 1.22).",
  },
  readRequestUnit: {
    usd: 0.1525,
    per: 1_000_000,
    unit: 'read request unit, DynamoDB on-demand (Standard table class)',
    region: REGION,
    recorded: RECORDED,
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    note: "Derived as the WRU price: US East's $0.125 per million RRU after November 2024, times 1.22 (Frankfurt $0.305 against $0.25 before the cut).",
  },
} as const satisfies Record<string, Price>;

export type PriceTable = { readonly [K in keyof typeof PRICES]: Price };

/** Dollars for one unit. */
export const unitPrice = (p: Price): number => p.usd / p.per;

/** Memory of every function (infra/constructs/lambda-function.ts, `memorySize`); Lambda bills duration per GB. */
export const LAMBDA_MEMORY_MB = 512;
