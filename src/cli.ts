import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BankError } from './bank/load.js';
import { bankExport, bankImport } from './cli/bank.js';
import { outboxCommand } from './cli/outbox.js';
import { questionsCommand } from './cli/questions.js';
import { CLI_USAGE, UsageError } from './cli/usage.js';
import { systemClock } from './clock.js';
import { loadDotEnv } from './config.js';
import { prepareDatabase } from './services/bootstrap.js';
import { candidatesNamed, eraseCandidate } from './services/erase-candidate.js';
import { exportLoop, recordToCsv } from './services/export-loop.js';

/** Something asked for that is not there: one line, exit 1. */
class NotFound extends Error {}

const COMMANDS = ['migrate', 'questions', 'bank', 'export', 'backup', 'forget', 'outbox', 'help'];

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
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (!command || command === 'help' || values.help) return CLI_USAGE;
  if (!COMMANDS.includes(command)) throw new UsageError(`unknown command "${command}"`);
  const databasePath = process.env.DATABASE_PATH?.trim() || 'data/interview-assistant.sqlite';
  const allowance = Number(process.env.INTERVIEW_ALLOWANCE_MINUTES ?? 10);
  if (!Number.isInteger(allowance) || allowance < 0 || allowance > 60) {
    throw new UsageError('INTERVIEW_ALLOWANCE_MINUTES must be a whole number of minutes from 0 to 60');
  }
  if (command === 'bank' && rest[0] !== 'export' && rest[0] !== 'import') {
    throw new UsageError('bank takes "export" or "import FILE"');
  }
  if (command === 'bank' && rest[0] === 'import' && !rest[1]) throw new UsageError('bank import needs a FILE');
  if (command === 'backup' && !rest[0]) throw new UsageError('backup needs a FILE to write');
  if (command === 'forget' && rest.length === 0) throw new UsageError("forget needs the candidate's name (or #id)");
  const loopId = command === 'export' ? Number(rest[0]?.replace(/^#/, '')) : 0;
  if (command === 'export' && !(Number.isInteger(loopId) && loopId > 0))
    throw new UsageError('export needs a loop number, e.g. export 12');
  if (command === 'export' && values.format !== 'json' && values.format !== 'csv') {
    throw new UsageError('export needs --format json or --format csv');
  }
  if (command === 'backup' && rest[0] && existsSync(rest[0])) {
    throw new UsageError(`"${rest[0]}" already exists: choose a new file name`);
  }

  const { handle, migrations, bank } = await prepareDatabase(databasePath, systemClock.now());
  try {
    switch (command) {
      case 'migrate':
        return `Database ${databasePath} is up to date (${migrations.length} migration${migrations.length === 1 ? '' : 's'} applied now); bank: ${bank.questions} questions, ${bank.competencies} competencies, ${bank.tips} tips.`;
      case 'questions':
        return await questionsCommand(handle.db, values, allowance);
      case 'bank':
        return rest[0] === 'export'
          ? await bankExport(handle.db, values.json === true)
          : await bankImport(handle.db, rest[1] ?? '', systemClock.now());
      case 'export': {
        const record = await exportLoop(handle.db, loopId);
        if (!record.ok) throw new NotFound(record.error.message);
        return values.format === 'csv' ? recordToCsv(record.value) : JSON.stringify(record.value, null, 2);
      }
      case 'forget':
        return await forgetCommand(handle.db, rest.join(' '));
      case 'outbox':
        return await outboxCommand(handle.db, rest);
      case 'backup': {
        const target = rest[0] ?? '';
        await handle.sqlite.backup(target);
        return `Backed up ${databasePath} to ${target}.`;
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } finally {
    await handle.close();
  }
}

async function forgetCommand(db: Parameters<typeof eraseCandidate>[0], target: string): Promise<string> {
  const byId = /^#(\d+)$/.exec(target.trim());
  const ids = byId ? [Number(byId[1])] : (await candidatesNamed(db, target)).map((c) => c.id);
  if (ids.length === 0) throw new NotFound(`No candidate named "${target}" (or already erased).`);
  if (ids.length > 1)
    throw new NotFound(
      `${ids.length} candidates are named "${target}": run forget again with #id, one of ${ids.map((id) => `#${id}`).join(', ')}.`,
    );
  const result = await eraseCandidate(db, {
    candidateId: ids[0] ?? 0,
    actor: 'cli',
    isAdmin: true,
    now: systemClock.now(),
  });
  if (!result.ok) throw new NotFound(result.error.message);
  return `Erased candidate #${result.value.candidateId}'s personal data; ${result.value.messagesEdited} Slack messages will be edited when the app runs.`;
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
