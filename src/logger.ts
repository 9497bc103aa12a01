import { type Logger, LogLevel } from '@slack/bolt';
import type { LogLevelName } from './config.js';

const LEVELS: Record<LogLevelName, LogLevel> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
};
const ORDER: LogLevelName[] = ['debug', 'info', 'warn', 'error'];
const SECRET = /\b(xox[abposr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+)/g;

function render(part: unknown): string {
  if (part instanceof Error) return part.stack ?? part.message;
  if (typeof part === 'string') return part;
  try {
    return JSON.stringify(part, (_key, value: unknown) =>
      value instanceof Error ? (value.stack ?? value.message) : value,
    );
  } catch {
    return String(part);
  }
}

/** A one-line-per-entry logger that never prints Slack tokens. */
export function createLogger(
  level: LogLevelName,
  write: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Logger {
  let current = level;
  let name = 'interview-assistant';
  const at = (entry: LogLevelName) => ORDER.indexOf(entry) >= ORDER.indexOf(current);
  const log = (entry: LogLevelName, parts: unknown[]) => {
    if (!at(entry)) return;
    const text = parts
      .map(render)
      .join(' ')
      .replace(SECRET, (token) => `${token.slice(0, 5)}…redacted`);
    write(`${new Date().toISOString()} ${entry.toUpperCase()} [${name}] ${text}`);
  };
  return {
    debug: (...parts) => log('debug', parts),
    info: (...parts) => log('info', parts),
    warn: (...parts) => log('warn', parts),
    error: (...parts) => log('error', parts),
    setLevel: (l) => {
      current = (Object.entries(LEVELS).find(([, v]) => v === l)?.[0] as LogLevelName | undefined) ?? current;
    },
    getLevel: () => LEVELS[current],
    setName: (n) => {
      name = n;
    },
  };
}
