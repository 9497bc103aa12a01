import { afterEach, describe, expect, it } from 'vitest';
import { SCHEDULE } from '../../src/slack/ids.js';
import { OUTSIDER, openSchedule, seedWorkspace } from '../support/flows.js';
import { startTestApp, type TestApp, TestClock } from '../support/harness.js';

type Block = {
  block_id?: string;
  element?: { initial_date_time?: number; options?: { value: string; text: { text: string } }[] };
};

describe('the schedule form', () => {
  let t: TestApp;
  afterEach(async () => {
    await t.close();
  });

  const start = async (at: string) => {
    t = await startTestApp({ env: { DEFAULT_TIMEZONE: 'UTC' }, clock: new TestClock(new Date(at)) });
    seedWorkspace(t);
    const { view } = await openSchedule(t, OUTSIDER);
    const blocks = view.blocks as Block[];
    return { blocks, picker: blocks.find((b) => b.block_id === SCHEDULE.start)?.element?.initial_date_time };
  };

  it('suggests 10:00 on the next working day in the requester’s own Slack zone, asked the first time', async () => {
    // A New York user whose zone the app has never seen: 04:00 on a Tuesday there.
    const { picker } = await start('2026-03-03T09:00:00Z');
    expect(picker).toBe(Date.parse('2026-03-04T15:00:00Z') / 1000);
    expect(t.slack.callsTo('users.info').some((c) => c.args.user === OUTSIDER)).toBe(true);
  });

  it('after a Friday suggests the Monday', async () => {
    const { picker } = await start('2026-03-06T18:00:00Z');
    // Monday 9 March, 10:00 in New York (summer time has begun: UTC-4).
    expect(picker).toBe(Date.parse('2026-03-09T14:00:00Z') / 1000);
  });

  it('shows roles, levels and kinds by name', async () => {
    const { blocks } = await start('2026-03-03T09:00:00Z');
    const options = (id: string) =>
      (blocks.find((b) => b.block_id === id)?.element?.options ?? []).map((o) => o.text.text);
    expect(options(SCHEDULE.role)).toContain('Backend developer');
    expect(options(SCHEDULE.level)).toEqual(['Junior', 'Mid-level', 'Senior', 'Lead']);
    expect(options(SCHEDULE.kind)).toContain('Soft skills');
  });

  it('shows the hiring lead the bank’s recruiting and loop-design advice, and no interviewer tips', async () => {
    const { blocks } = await start('2026-03-03T09:00:00Z');
    const advice = (blocks as { type?: string; elements?: { text?: string }[] }[])
      .filter((b) => b.type === 'context')
      .map((b) => b.elements?.map((e) => e.text ?? '').join(' ') ?? '')
      .join(' ');
    expect(advice).toContain('Before you schedule');
    expect(advice).toContain('Screen before you spend interview time');
    expect(advice).not.toContain('whiteboard puzzles');
  });
});
