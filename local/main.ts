import './polyfills.js';
import { DEMO_PASSWORD, DEMO_USERS } from './auth.js';
import { startLocalCloud } from './cloud.js';
import { PortInUseError } from './listen.js';
import { settingsFromEnv } from './settings.js';

/** `npm start`: the whole system on this machine, with demo data. */
async function main(): Promise<void> {
  const settings = settingsFromEnv();
  let cloud;
  try {
    cloud = await startLocalCloud(settings);
  } catch (err) {
    if (err instanceof PortInUseError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const api = cloud.apiUrl;
  const lines = [
    '',
    'BIWAQ Workflows: the local cloud is running.',
    '',
    `  Intake page         ${api}/   (open it on a phone-sized window; ?lang=ar for Arabic)`,
    `  Form definition     ${api}/api/forms/intake?lang=de   (any of de en tr ar bg ro uk ru fa pl)`,
    `  Intake API          POST ${api}/api/intake`,
    `  API reference       ${api}/api/docs   (OpenAPI 3.1: ${api}/api/openapi.json)`,
    `  Health              ${api}/health`,
    `  Staff console       ${api}/console/   (sign-in: password for every demo user: ${DEMO_PASSWORD})`,
    ...DEMO_USERS.map((u) => `                      ${u.username.padEnd(18)} ${u.role}${u.site ? ` · ${u.site}` : ' · all sites, no personal data'}`),
    `  Sign-in (OIDC)      ${cloud.auth.issuer}   (authorization code + PKCE, as Cognito's managed login)`,
    `  Mail inbox          ${cloud.inboxUrl}`,
    `  DynamoDB (dynalite) ${cloud.dynamoEndpoint}   table ${cloud.tableName}`,
    `  Step Functions      ${cloud.sfnEndpoint}   (AWS_ENDPOINT_URL_SFN; executions in table ${cloud.sfnTableName})`,
    `  Workflow clock      ${api}/local/clock   ${
      settings.timeScale === 1 ? 'real time' : `TIME_SCALE=${settings.timeScale}: one day in ${formatSeconds(86400 / settings.timeScale)}`
    }; POST {"advanceSeconds": n} moves it on`,
    `  Data                ${settings.dataDir}/  (kept across restarts; delete it to start afresh)`,
    '',
    cloud.seeded ? '  Demo data loaded: 6 participants at the sites marxloh and hochfeld.' : '  Demo data: already loaded earlier.',
    cloud.demoFigures ? `  Demo figures: ${cloud.demoFigures} more participants with first contacts and exits (DEMO_PARTICIPANTS); see "Zahlen".` : '',
    cloud.redriven > 0 ? `  Resumed ${cloud.redriven} unfinished workflow(s).` : '',
    '',
    `  Try:  curl -s -X POST ${api}/api/intake -H 'content-type: application/json' --data @events/intake-body.json`,
    `  A staff token for scripts (an ID token, as Cognito's InitiateAuth gives):`,
    `        curl -s -X POST ${api}/local/auth/token -H 'content-type: application/json' \\`,
    `             -d '{"username":"berater.marxloh","password":"${DEMO_PASSWORD}"}'`,
    `        then: curl -s ${api}/api/staff/me -H "authorization: Bearer <id_token>"`,
    '',
    'Ctrl-C stops.',
    '',
  ];
  console.log(lines.filter((l, i, all) => !(l === '' && all[i - 1] === '')).join('\n'));

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping …');
    await cloud.stop();
    console.log('Stopped. Data is kept.');
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

function formatSeconds(s: number): string {
  return s >= 3600 ? `${+(s / 3600).toFixed(1)} h` : s >= 60 ? `${+(s / 60).toFixed(1)} min` : `${+s.toFixed(2)} s`;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
