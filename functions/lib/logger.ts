import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Structured JSON logs. Never log events, bodies or items: they carry personal data.
 * Log ids, codes, counts and durations only.
 */
export const logger = new Logger({ serviceName: process.env['POWERTOOLS_SERVICE_NAME'] ?? 'biwaq-workflows' });
