import { z } from 'zod';

/** Settings of the local cloud, read once from the environment (see README, "Local cloud"). */
const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

const SettingsSchema = z.object({
  PORT: port(3000),
  MAIL_PORT: port(8005),
  DYNAMO_PORT: port(8006),
  SFN_PORT: port(8007),
  DATA_DIR: z.string().default('.data'),
  /** Requests per minute per client on POST /api/intake; 0 turns the limit off. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(30),
  HOST: z.string().default('127.0.0.1'),
  /** Workflow time per real time: 8640 runs one day in ten seconds (demo mode); 1 is real time. */
  TIME_SCALE: z.coerce.number().positive().max(1e7).default(1),
  /** A larger demo set with exits (e.g. 800) for the figures, loaded once; 0: only the six demo people. */
  DEMO_PARTICIPANTS: z.coerce.number().int().min(0).max(5000).default(0),
});

export type LocalSettings = {
  port: number;
  mailPort: number;
  dynamoPort: number;
  /** The local Step Functions API (AWS_ENDPOINT_URL_SFN for the handlers). */
  sfnPort: number;
  /** LevelDB directory; undefined keeps everything in memory (tests, bench). */
  dataDir: string | undefined;
  rateLimitPerMinute: number;
  host: string;
  seed: boolean;
  /** How many further demo participants (with contacts and exits) `npm start` enters for the figures. */
  demoParticipants: number;
  /** How fast the workflow clock runs against real time (Waits, callback timeouts, retry intervals). */
  timeScale: number;
};

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): LocalSettings {
  const s = SettingsSchema.parse(env);
  return {
    port: s.PORT,
    mailPort: s.MAIL_PORT,
    dynamoPort: s.DYNAMO_PORT,
    sfnPort: s.SFN_PORT,
    dataDir: s.DATA_DIR,
    rateLimitPerMinute: s.RATE_LIMIT_PER_MINUTE,
    host: s.HOST,
    seed: true,
    demoParticipants: s.DEMO_PARTICIPANTS,
    timeScale: s.TIME_SCALE,
  };
}

/** Ephemeral settings for tests and benchmarks: free ports, memory only, no demo data. */
export function ephemeralSettings(overrides: Partial<LocalSettings> = {}): LocalSettings {
  return {
    port: 0,
    mailPort: 0,
    dynamoPort: 0,
    sfnPort: 0,
    dataDir: undefined,
    rateLimitPerMinute: 0,
    host: '127.0.0.1',
    seed: false,
    demoParticipants: 0,
    timeScale: 1,
    ...overrides,
  };
}
