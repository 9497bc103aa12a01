import { describe, expect, it } from 'vitest';
import { loadBankDir } from '../../src/bank/load.js';
import type { Interview, KitItemRecord, Loop } from '../../src/domain/loop.js';
import { panelistKitBlocks } from '../../src/slack/blocks/panelist-kit.js';

describe('a panelist’s kit as one DM', () => {
  const bank = loadBankDir();
  const questions = bank.questions.filter((q) => !q.sensitive).slice(0, 60);
  const loop: Loop = {
    id: 1,
    candidateId: 1,
    candidateName: 'Ada',
    role: 'backend-developer',
    level: 'senior',
    hiringLeadId: 'UL',
    decisionChannelId: 'C1',
    threadTs: null,
    status: 'open',
  };
  const interview: Interview = {
    id: 1,
    loopId: 1,
    kind: 'mixed',
    startsAt: new Date('2026-12-01T10:00:00Z'),
    durationMinutes: 240,
    notes: null,
    status: 'scheduled',
    round: 1,
    createdBy: 'UL',
    panelists: [{ userId: 'U1', position: 0, focus: bank.competencies.slice(0, 8).map((c) => c.id) }],
  };
  const items: KitItemRecord[] = questions.map((q, i) => ({
    id: i + 1,
    interviewId: 1,
    panelistId: 'U1',
    questionId: q.id,
    competencyId: q.competencies[0] ?? '',
    position: i,
  }));

  it('keeps a Swap button per question while it fits', () => {
    const blocks = panelistKitBlocks({
      bank,
      loop,
      interview,
      panelistId: 'U1',
      items: items.slice(0, 10),
      when: 'Tue',
      swappable: true,
      maxBlocks: 50,
    });
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(blocks).match(/kit_swap/g)).toHaveLength(10);
  });

  it('packs a kit too long for one message without losing a question', () => {
    const blocks = panelistKitBlocks({
      bank,
      loop,
      interview,
      panelistId: 'U1',
      items,
      when: 'Tue',
      swappable: true,
      maxBlocks: 50,
    });
    expect(blocks.length).toBeLessThanOrEqual(50);
    const text = JSON.stringify(blocks);
    for (const q of questions) expect(text).toContain(JSON.stringify(q.text.slice(0, 30)).slice(1, -1));
    expect(text).toContain('too long for Swap buttons');
    for (const block of blocks)
      if (block.type === 'section') expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
  });
});
