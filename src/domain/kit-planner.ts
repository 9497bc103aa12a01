import type { Bank, Competency, InterviewKind, Level, Question, QuestionKind, QuestionStyle } from './types.js';

export interface KitRequest {
  bank: Bank;
  role: string;
  level: Level;
  kind: InterviewKind;
  /** The interview's whole duration. */
  minutes: number;
  /** Opening and closing time that gets no questions. */
  allowanceMinutes: number;
  /** Slack user IDs, or placeholders such as 'panelist-1' for an ad hoc kit. */
  panelists: string[];
  /** Questions already planned or asked for this candidate in the loop. */
  usedQuestionIds: ReadonlySet<string>;
  /** How often each question has been planned across all candidates. */
  usage: ReadonlyMap<string, number>;
  focusCompetencies?: string[];
  /** Makes equal inputs give equal kits; the interview id in practice. */
  seed: string;
}

export interface KitItem {
  questionId: string;
  competencyId: string;
  minutes: number;
}

export interface PanelistKit {
  panelist: string;
  /** Exactly the competencies of the questions this panelist asks, in the order they are asked. */
  focus: string[];
  items: KitItem[];
}

export interface Kit {
  panelists: PanelistKit[];
  budgetMinutes: number;
  plannedMinutes: number;
  /** What to tell the planner's user: each wanted competency no question probes, and other shortfalls. */
  gaps: string[];
  /** The wanted competencies (the kind's, or the requested focus) that no question of the kit probes. */
  uncovered: string[];
}

/** The competencies the given questions probe, each once, in the order the questions come. */
export function probedBy(questionIds: readonly string[], bank: Pick<Bank, 'questions'>): string[] {
  const byId = new Map(bank.questions.map((q) => [q.id, q]));
  const probed: string[] = [];
  for (const id of questionIds) {
    for (const c of byId.get(id)?.competencies ?? []) if (!probed.includes(c)) probed.push(c);
  }
  return probed;
}

/** FNV-1a: a stable, well-spread order for the seed. */
export function seededRank(seed: string, id: string): number {
  let hash = 0x811c9dc5;
  const text = `${seed}\u0000${id}`;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export function kindsOf(kind: InterviewKind): QuestionKind[] {
  return kind === 'mixed' ? ['technical', 'behavioral', 'situational', 'soft-skills', 'general'] : [kind];
}

export function isEligible(q: Question, role: string, level: Level, kinds: readonly QuestionKind[]): boolean {
  return (
    q.active &&
    !q.sensitive &&
    kinds.includes(q.kind) &&
    q.levels.includes(level) &&
    (q.roles.length === 0 || q.roles.includes(role))
  );
}

/**
 * Level fit (SPEC §4.8): a senior or lead kit takes questions that ask for trade-offs and evidence from their
 * work before how-do-you questions, and definitions or preferences only when nothing else is left. Junior and
 * mid kits take every style alike. An unmarked question counts as an approach question.
 */
export function styleTier(level: Level, style: QuestionStyle | null | undefined): number {
  if (level === 'junior' || level === 'mid') return 0;
  switch (style ?? 'approach') {
    case 'judgement':
    case 'experience':
      return 0;
    case 'approach':
      return 1;
    case 'recall':
    case 'preference':
      return 2;
  }
}

/** Best level fit first, then least used, then the seeded order: each question's keys are computed once. */
function byPreference(
  questions: Question[],
  seed: string,
  usage: ReadonlyMap<string, number>,
  level: Level,
): Question[] {
  return questions
    .map((q) => ({ q, tier: styleTier(level, q.style), uses: usage.get(q.id) ?? 0, rank: seededRank(seed, q.id) }))
    .sort((a, b) => a.tier - b.tier || a.uses - b.uses || a.rank - b.rank || (a.q.id < b.q.id ? -1 : 1))
    .map((entry) => entry.q);
}

function competencyName(bank: Bank, id: string): string {
  return bank.competencies.find((c) => c.id === id)?.name ?? id;
}

/** Competencies this interview should cover, in a seeded order. */
function targetCompetencies(request: KitRequest, kinds: QuestionKind[]): Competency[] {
  const { bank, focusCompetencies, seed } = request;
  const chosen = focusCompetencies?.length
    ? bank.competencies.filter((c) => focusCompetencies.includes(c.id))
    : bank.competencies.filter((c) => c.kinds.some((k) => kinds.includes(k)));
  return [...chosen].sort((a, b) => seededRank(seed, a.id) - seededRank(seed, b.id) || (a.id < b.id ? -1 : 1));
}

/**
 * Plans the kit of one interview (SPEC §4): pure and deterministic.
 * The wanted competencies are dealt to panelists round-robin as areas to ask about, then panelists take turns
 * adding one question for their next area until nothing eligible fits the remaining time. A panelist's focus is
 * then exactly what their questions probe, and the gaps are the wanted competencies that no question probes.
 */
export function planKit(request: KitRequest): Kit {
  const { bank, role, level, panelists, usedQuestionIds, usage, seed } = request;
  const kinds = kindsOf(request.kind);
  const budget = Math.max(0, request.minutes - request.allowanceMinutes);
  const gaps: string[] = [];
  const levelLabel = level;
  const kindLabel = request.kind === 'mixed' ? '' : `${request.kind} `;

  const eligible = byPreference(
    bank.questions.filter((q) => isEligible(q, role, level, kinds) && !usedQuestionIds.has(q.id)),
    seed,
    usage,
    level,
  );

  const byCompetency = new Map<string, Question[]>();
  for (const q of eligible) {
    for (const c of q.competencies) {
      const list = byCompetency.get(c) ?? [];
      list.push(q);
      byCompetency.set(c, list);
    }
  }

  const targets = targetCompetencies(request, kinds);
  for (const c of request.focusCompetencies ?? []) {
    if (!bank.competencies.some((known) => known.id === c)) gaps.push(`Unknown competency "${c}" was ignored.`);
  }
  const coverable = targets.filter((c) => (byCompetency.get(c.id)?.length ?? 0) > 0);

  const n = panelists.length;
  // The areas each panelist asks about; what they end up probing is their focus.
  const focus: string[][] = panelists.map(() => []);
  if (coverable.length > 0) {
    const rounds = Math.max(coverable.length, n);
    for (let i = 0; i < rounds; i++) {
      const competency = coverable[i % coverable.length];
      const slot = focus[i % n];
      if (competency && slot && !slot.includes(competency.id)) slot.push(competency.id);
    }
  }

  const picked = new Set<string>();
  const covered = new Set<string>();
  const items: KitItem[][] = panelists.map(() => []);
  const cursor = panelists.map(() => 0);
  let remaining = budget;
  // One question per panelist per round; a panelist's next area is the first one (from their cursor)
  // that no picked question covers yet, else the first that still has a question that fits.
  const nextPick = (p: number): { index: number; competencyId: string; question: Question } | null => {
    const areas = focus[p] ?? [];
    let fallback: { index: number; competencyId: string; question: Question } | null = null;
    for (let tries = 0; tries < areas.length; tries++) {
      const index = ((cursor[p] ?? 0) + tries) % areas.length;
      const competencyId = areas[index];
      if (competencyId === undefined) continue;
      const question = byCompetency.get(competencyId)?.find((q) => !picked.has(q.id) && q.minutes <= remaining);
      if (!question) continue;
      if (!covered.has(competencyId)) return { index, competencyId, question };
      fallback ??= { index, competencyId, question };
    }
    return fallback;
  };
  // The questions picked, by which focus is worked out (not the whole bank: a map of it per panelist was most of
  // a 10,000-question plan's time).
  const chosen: Question[] = [];
  let progress = true;
  while (progress) {
    progress = false;
    for (let p = 0; p < n; p++) {
      const pick = nextPick(p);
      if (!pick) continue;
      picked.add(pick.question.id);
      chosen.push(pick.question);
      for (const c of pick.question.competencies) covered.add(c);
      items[p]?.push({ questionId: pick.question.id, competencyId: pick.competencyId, minutes: pick.question.minutes });
      remaining -= pick.question.minutes;
      cursor[p] = pick.index + 1;
      progress = true;
    }
  }

  const kit: PanelistKit[] = panelists.map((panelist, p) => ({
    panelist,
    focus: probedBy(
      (items[p] ?? []).map((item) => item.questionId),
      { questions: chosen },
    ),
    items: items[p] ?? [],
  }));
  const planned = budget - remaining;
  // A competency some question probes is never a gap, even when it came along with a question asked for another.
  for (const c of targets) {
    if (!covered.has(c.id) && !coverable.includes(c))
      gaps.push(`No ${levelLabel} ${kindLabel}question left in the bank for ${c.name}.`);
  }

  if (eligible.length === 0) {
    gaps.push(`No ${levelLabel} ${kindLabel}questions left in the bank for this candidate.`);
  } else if (planned < budget * 0.75) {
    gaps.push(
      `Only ${planned} of ${budget} minutes could be filled: the bank has no more ${levelLabel} ${kindLabel}questions for these focus areas.`,
    );
  }
  const idle = kit.filter((k) => k.items.length === 0).length;
  if (idle > 0 && eligible.length > 0) {
    gaps.push(`${idle} of ${n} panelists have no question: ${budget} minutes are not enough for the whole panel.`);
  }
  const unasked = coverable.filter((c) => !covered.has(c.id));
  if (unasked.length > 0) {
    gaps.push(`Not covered in ${budget} minutes: ${unasked.map((c) => competencyName(bank, c.id)).join(', ')}.`);
  }
  const uncovered = targets.filter((c) => !covered.has(c.id)).map((c) => c.id);
  return { panelists: kit, budgetMinutes: budget, plannedMinutes: planned, gaps, uncovered };
}

export interface SwapRequest {
  bank: Bank;
  role: string;
  level: Level;
  kind: InterviewKind;
  competencyId: string;
  /** Questions the candidate has in the loop, the one being swapped included. */
  usedQuestionIds: ReadonlySet<string>;
  /** Questions swapped out of this panelist's part before, so swapping walks on. */
  excludedQuestionIds: ReadonlySet<string>;
  /** Minutes the replacement may take without the kit outgrowing the interview. */
  maxMinutes: number;
  usage: ReadonlyMap<string, number>;
  seed: string;
}

/** The next eligible question for the same competency (SPEC §4.7), least used first; null when none is left. */
export function pickReplacement(request: SwapRequest): Question | null {
  const kinds = kindsOf(request.kind);
  const candidates = byPreference(
    request.bank.questions.filter(
      (q) =>
        isEligible(q, request.role, request.level, kinds) &&
        q.competencies.includes(request.competencyId) &&
        !request.usedQuestionIds.has(q.id) &&
        !request.excludedQuestionIds.has(q.id),
    ),
    request.seed,
    request.usage,
    request.level,
  );
  return candidates.find((q) => q.minutes <= request.maxMinutes) ?? null;
}
