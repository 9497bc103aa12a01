import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { BankError } from './bank/load.js';
import { bankExport, bankImport } from './cli/bank.js';
import { bankCheck } from './cli/bank-check.js';
import { NotFound } from './cli/errors.js';
import { exportCommand, parseExportTarget } from './cli/export.js';
import { forgetCommand, terminalConfirmation } from './cli/forget.js';
import { insightsCommand } from './cli/insights.js';
import { outboxCommand } from './cli/outbox.js';
import { questionsCommand } from './cli/questions.js';
import { CLI_USAGE, UsageError } from './cli/usage.js';
import { systemClock } from './clock.js';
import { describeDatabase, loadDotEnv } from './config.js';
import { copyDatabase } from './db/copy.js';
import { openDatabase } from './db/database.js';
import { counted } from './domain/plural.js';
import { DEFAULT_ROLE } from './domain/roles.js';
import { prepareDatabase } from './services/bootstrap.js';

const COMMANDS = [
  'migrate',
  'questions',
  'bank',
  'export',
  'backup',
  'copy-to-postgres',
  'forget',
  'outbox',
  'insights',
  'help',
];

async function run(argv: string[]): Promise<string> {
  loadDotEnv();
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      level: { type: 'string' },
      kind: { type: 'string' },
      minutes: { type: 'string' },
      panelists: { type: 'string' },
      json: { type: 'boolean' },
      format: { type: 'string' },
      html: { type: 'string' },
      role: { type: 'string' },
      yes: { type: 'boolean', short: 'y' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (!command || command === 'help' || values.help) return CLI_USAGE;
  if (!COMMANDS.includes(command)) throw new UsageError(`unknown command "${command}"`);
  const databasePath = process.env.DATABASE_PATH?.trim() || 'data/interview-assistant.sqlite';
  const databaseUrl = process.env.DATABASE_URL?.trim() || null;
  const where = describeDatabase({ databasePath, databaseUrl });
  const allowance = Number(process.env.INTERVIEW_ALLOWANCE_MINUTES ?? 10);
  if (!Number.isInteger(allowance) || allowance < 0 || allowance > 60) {
    throw new UsageError('INTERVIEW_ALLOWANCE_MINUTES must be a whole number of minutes from 0 to 60');
  }
  if (command === 'bank' && rest[0] !== 'export' && rest[0] !== 'import' && rest[0] !== 'check') {
    throw new UsageError('bank takes "export", "import FILE" or "check"');
  }
  if (command === 'bank' && rest[0] === 'import' && !rest[1]) throw new UsageError('bank import needs a FILE');
  if (command === 'backup' && !rest[0]) throw new UsageError('backup needs a FILE to write');
  if (command === 'forget' && rest.length === 0) throw new UsageError("forget needs the candidate's name (or #id)");
  const exportTarget = command === 'export' ? parseExportTarget(rest) : null;
  const format = values.format === 'csv' ? 'csv' : 'json';
  if (command === 'export' && values.format !== 'json' && values.format !== 'csv') {
    throw new UsageError('export needs --format json or --format csv');
  }
  if (command === 'insights' && values.html !== undefined && !values.html.trim()) {
    throw new UsageError('insights --html needs a FILE to write, e.g. --html insight.html');
  }
  if (command === 'backup' && databaseUrl) {
    throw new NotFound(
      'backup copies a SQLite file; on PostgreSQL use its own tools, e.g. pg_dump "$DATABASE_URL" > interviews.sql',
    );
  }
  if (command === 'copy-to-postgres') return await copyCommand(databasePath, rest[0], databaseUrl);
  if (command === 'backup' && rest[0] && existsSync(rest[0])) {
    if (statSync(rest[0]).isDirectory())
      throw new UsageError(
        `"${rest[0]}" is a folder: name the file to write in it, e.g. ${join(rest[0], 'copy.sqlite')}`,
      );
    throw new UsageError(`"${rest[0]}" already exists: choose a new file name`);
  }

  const { handle, migrations, bank } = await prepareDatabase(
    { path: databasePath, url: databaseUrl },
    systemClock.now(),
  );
  try {
    switch (command) {
      case 'migrate':
        return `Database ${where} is up to date (${counted(migrations.length, 'migration')} applied now); bank: ${counted(bank.questions, 'question')}, ${counted(bank.competencies, 'competency', 'competencies')}, ${counted(bank.tips, 'tip')}, ${counted(bank.roles, 'role')}.`;
      case 'questions':
        return await questionsCommand(handle.db, values, allowance);
      case 'bank': {
        if (rest[0] === 'export') return await bankExport(handle.db, values.json === true);
        if (rest[0] === 'import') return await bankImport(handle.db, rest[1] ?? '', systemClock.now());
        const check = await bankCheck(handle.db, values.role?.trim() || DEFAULT_ROLE);
        if (!check.passed) process.exitCode = 1;
        return check.text;
      }
      case 'export':
        return await exportCommand(handle.db, exportTarget ?? { loop: 0 }, format);
      case 'forget':
        return await forgetCommand(
          handle.db,
          rest.join(' '),
          terminalConfirmation(values.yes === true),
          systemClock.now(),
        );
      case 'outbox':
        return await outboxCommand(handle.db, rest);
      case 'insights':
        return await insightsCommand(handle.db, { json: values.json, html: values.html }, systemClock.now());
      case 'backup': {
        const target = rest[0] ?? '';
        mkdirSync(dirname(target), { recursive: true });
        await handle.backup(target);
        return `Backed up ${databasePath} to ${target}.`;
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } finally {
    await handle.close();
  }
}

/** Copies the SQLite database at DATABASE_PATH into an empty PostgreSQL database (the way from one to the other). */
async function copyCommand(databasePath: string, url: string | undefined, databaseUrl: string | null): Promise<string> {
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    throw new UsageError('copy-to-postgres needs the PostgreSQL URL to copy into, e.g. postgres://user:pass@host/db');
  }
  if (databaseUrl) throw new UsageError('copy-to-postgres reads the SQLite file at DATABASE_PATH: unset DATABASE_URL');
  if (!existsSync(databasePath)) throw new NotFound(`No SQLite database at ${databasePath}: set DATABASE_PATH to it.`);
  const { handle: from } = await prepareDatabase({ path: databasePath }, systemClock.now());
  try {
    const to = await openDatabase({ path: databasePath, url });
    try {
      const copied = await copyDatabase(from.db, to.db);
      if (!copied.ok) throw new NotFound(copied.message);
      const where = describeDatabase({ databasePath, databaseUrl: url });
      return `Copied ${databasePath} into ${where}: ${copied.rows} rows in ${copied.tables} tables. Set DATABASE_URL to it and start the app.`;
    } finally {
      await to.close();
    }
  } finally {
    await from.close();
  }
}

run(process.argv.slice(2)).then(
  (output) => {
    process.stdout.write(`${output}\n`);
  },
  (error: unknown) => {
    if (
      error instanceof UsageError ||
      (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      process.stderr.write(`Error: ${error.message}\n${CLI_USAGE}\n`);
      process.exit(2);
    }
    if (error instanceof NotFound) {
      process.stderr.write(`Error: ${error.message}\n`);
      process.exit(1);
    }
    if (error instanceof BankError) {
      process.stderr.write(`Question bank error: ${error.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
