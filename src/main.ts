import { ErrorCode } from '@slack/web-api';
import { startApp } from './app.js';
import { BankError } from './bank/load.js';
import { systemClock } from './clock.js';
import { describeDatabase, loadDotEnv, parseConfig } from './config.js';
import { counted } from './domain/plural.js';
import { createLogger } from './logger.js';
import { prepareDatabase } from './services/bootstrap.js';

function explainStartFailure(error: unknown, databaseStage: boolean): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const data =
    typeof error === 'object' && error !== null && 'data' in error ? (error.data as { error?: string }) : null;
  if (error instanceof BankError) return `Question bank error: ${error.message}`;
  if (data?.error === 'invalid_auth' || data?.error === 'not_authed') {
    return 'Slack rejected SLACK_BOT_TOKEN (invalid_auth): copy the Bot User OAuth Token again from your Slack app’s "OAuth & Permissions" page.';
  }
  if (code === 'ECONNREFUSED' && databaseStage)
    return 'Could not reach the PostgreSQL server: check DATABASE_URL and that the server is running.';
  if (code === '28P01' || code === '3D000')
    return `PostgreSQL refused the connection (${error instanceof Error ? error.message : code}): check DATABASE_URL.`;
  if (code === 'EADDRINUSE') return 'PORT is already in use: stop the other process or set PORT to a free port.';
  if (code === ErrorCode.RequestError || code === 'ENOTFOUND' || code === 'ECONNREFUSED') {
    return 'Could not reach Slack’s Web API: check the network, or SLACK_API_URL if you set it.';
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return `The database file at DATABASE_PATH is damaged or is not a SQLite database (${code}): restore it from a backup (\`npm run cli -- backup FILE\` makes one), or move it away to start with an empty database.`;
  }
  if (code === 'SQLITE_FULL')
    return `The disk holding DATABASE_PATH is full (${code}): free some space and start again.`;
  if (code.startsWith('SQLITE_'))
    return `Could not open the database (${code}): check DATABASE_PATH and its folder's permissions.`;
  return `Could not start: ${error instanceof Error ? error.message : String(error)}`;
}

async function main(): Promise<void> {
  loadDotEnv();
  const parsed = parseConfig(process.env);
  if (!parsed.ok) {
    process.stderr.write(`${parsed.message}\n`);
    process.exit(1);
  }
  const { config } = parsed;
  const logger = createLogger(config.logLevel);
  let prepared: Awaited<ReturnType<typeof prepareDatabase>> | undefined;
  try {
    // The server checkpoints the WAL from a worker thread (see openDatabase); the CLI, short-lived, does not.
    prepared = await prepareDatabase({ path: config.databasePath, url: config.databaseUrl }, systemClock.now(), {
      backgroundCheckpoints: true,
    });
    const { handle, bank } = prepared;
    logger.info(
      `database ready at ${describeDatabase(config)}: ${counted(bank.questions, 'question')}, ${counted(bank.competencies, 'competency', 'competencies')}`,
    );
    const running = await startApp(config, handle, systemClock, logger);
    logger.info(
      config.mode === 'socket'
        ? `Interview Assistant is running in Socket Mode (health on :${running.port}/healthz)`
        : `Interview Assistant is listening on :${running.port} (POST /slack/events, GET /healthz)`,
    );
    const shutdown = (signal: string) => {
      logger.info(`${signal} received, shutting down`);
      void running
        .stop()
        .then(() => handle.close())
        .finally(() => process.exit(0));
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  } catch (error) {
    process.stderr.write(`${explainStartFailure(error, prepared === undefined)}\n`);
    logger.debug('start failure', error);
    await prepared?.handle.close();
    process.exit(1);
  }
}

void main();
