// Runs around every test file (vitest setupFiles): checks for each test what the Slack stand-in recorded.
import { afterAll, afterEach, expect } from 'vitest';
import { takeMrkdwnViolations } from './mrkdwn-check.js';

function expectNoViolations(): void {
  const found = takeMrkdwnViolations();
  expect(found, 'mrkdwn sent to Slack with a `<` that is no Slack control sequence: escape it (&lt;)').toEqual([]);
}

afterEach(expectNoViolations);
afterAll(expectNoViolations);
