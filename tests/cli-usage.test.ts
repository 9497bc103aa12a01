import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEntry } from './support/run.js';

// What the CLI says to wrong arguments: nothing a database changes (run on SQLite only; a few are found after the
// CLI opened its database, here a file in a temporary folder).
describe('npm run cli with wrong arguments', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ia-cli-usage-'));
  const cli = (...args: string[]) => runEntry('cli.ts', args, { DATABASE_PATH: join(dir, 'db.sqlite') }, dir);

  it.each([
    [
      ['questions', '--level', 'principal', '--kind', 'technical', '--minutes', '45'],
      '--level must be junior, mid, senior or lead',
    ],
    [['questions', '--level', 'senior', '--kind', 'tech', '--minutes', '45'], '--kind must be'],
    [
      ['questions', '--level', 'senior', '--kind', 'technical', '--minutes', 'soon'],
      '--minutes must be a whole number',
    ],
    [
      ['questions', '--level', 'senior', '--kind', 'technical', '--minutes', '45', '--panelists', '9'],
      '--panelists must be',
    ],
    [['questions', '--levle', 'senior'], "Unknown option '--levle'"],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['bank'], 'bank takes "export", "import FILE" or "check"'],
    [['bank', 'import'], 'bank import needs a FILE'],
    [['backup'], 'backup needs a FILE'],
    [['export', '--format', 'json'], 'export needs a candidate, an interview or a loop'],
    [['export', 'interview', 'soon', '--format', 'json'], 'export interview needs a number'],
    [['questions', '--minutes', '5'], '--minutes must be a whole number from 10 to 240'],
  ])('%j: one line saying what is wrong, the usage, exit 2', async (args, message) => {
    const result = await cli(...args);
    expect(result.code).toBe(2);
    const [first, ...rest] = result.stderr.trim().split('\n');
    expect(first).toContain(message);
    expect(rest.join('\n')).toContain('Usage: npm run cli -- <command>');
    expect(result.stdout).toBe('');
  });
});
