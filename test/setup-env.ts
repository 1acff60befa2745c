import { DEMO_SITES } from '../schemas/sites.js';

// Defaults for handler and unit tests; the local cloud sets its own endpoints and names.
process.env['AWS_REGION'] ??= 'eu-central-1';
process.env['AWS_ACCESS_KEY_ID'] ??= 'test';
process.env['AWS_SECRET_ACCESS_KEY'] ??= 'test';
process.env['TABLE_NAME'] ??= 'biwaq-test';
process.env['SITES'] ??= JSON.stringify(DEMO_SITES);
process.env['MAIL_FROM'] ??= 'no-reply@biwaq.example';
process.env['CONSOLE_URL'] ??= 'https://console.biwaq.example/console';
process.env['POWERTOOLS_LOG_LEVEL'] ??= 'SILENT';
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
