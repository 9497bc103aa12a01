import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEntry } from '../support/run.js';

describe('a database file that cannot be used', () => {
  it('that is damaged (not a SQLite database) gets advice about corruption, not permissions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ia-corrupt-'));
    const path = join(dir, 'db.sqlite');
    writeFileSync(path, 'this is no database, '.repeat(300));
    const result = await runEntry(
      'main.ts',
      [],
      { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', PORT: '0', DATABASE_PATH: path },
      dir,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('damaged or is not a SQLite database');
    expect(result.stderr).toContain('backup');
    expect(result.stderr).not.toContain('permissions');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
