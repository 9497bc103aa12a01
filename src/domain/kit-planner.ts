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

function fnv1a(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** FNV-1a of the seed, a NUL and the id: a stable, well-spread order for the seed. */
export function seededRank(seed: string, id: string): number {
  return rankerFor(seed)(id);
}

/** seededRank for one seed and many ids: the seed's part of the hash is worked out once. */
function rankerFor(seed: string): (id: string) => number {
  const prefix = fnv1a(0x811c9dc5, `${seed}\u0000`);
  return (id) => fnv1a(prefix, id);
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

/** The questions a kit of one role, level and kind may take, before the candidate's history, and each competency's. */
interface Pool {
  questions: readonly Question[];
  /** Each competency's questions, as indexes into questions. */
  byCompetency: ReadonlyMap<string, readonly number[]>;
}

const poolsByBank = new WeakMap<readonly Question[], Map<string, Pool>>();

/**
 * The pool is worked out once per bank (the bank is read once and kept until it changes) instead of over the
 * whole bank for every kit.
 */
function poolOf(bank: Pick<Bank, 'questions'>, role: string, level: Level, kind: InterviewKind): Pool {
  let byRequest = poolsByBank.get(bank.questions);
  if (!byRequest) {
    byRequest = new Map();
    poolsByBank.set(bank.questions, byRequest);
  }
  const key = `${role}\u0000${level}\u0000${kind}`;
  let pool = byRequest.get(key);
  if (!pool) {
    const kinds = kindsOf(kind);
    const questions = bank.questions.filter((q) => isEligible(q, role, level, kinds));
    const byCompetency = new Map<string, number[]>();
    questions.forEach((q, index) => {
      for (const c of q.competencies) {
        const list = byCompetency.get(c) ?? [];
        list.push(index);
        byCompetency.set(c, list);
      }
    });
    pool = { questions, byCompetency };
    byRequest.set(key, pool);
  }
  return pool;
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

interface Ranked {
  q: Question;
  tier: number;
  uses: number;
  rank: number;
}

/** A question's place in a kit's order: each key is computed once per question and kit. */
function rankerOf(seed: string, usage: ReadonlyMap<string, number>, level: Level): (q: Question) => Ranked {
  const rank = rankerFor(seed);
  return (q) => ({ q, tier: styleTier(level, q.style), uses: usage.get(q.id) ?? 0, rank: rank(q.id) });
}

/** Best level fit first, then least used, then the seeded order. */
function before(a: Ranked, b: Ranked): number {
  return a.tier - b.tier || a.uses - b.uses || a.rank - b.rank || (a.q.id < b.q.id ? -1 : 1);
}

/** Questions taken best first (the order of before) one at a time: a binary heap, so nothing is sorted whole. */
class Heap {
  private readonly items: Ranked[];

  constructor(items: Ranked[]) {
    this.items = items;
    for (let i = (items.length >> 1) - 1; i >= 0; i--) this.sink(i);
  }

  get top(): Ranked | undefined {
    return this.items[0];
  }

  drop(): void {
    const last = this.items.pop();
    if (last && this.items.length > 0) {
      this.items[0] = last;
      this.sink(0);
    }
  }

  private sink(start: number): void {
    const items = this.items;
    let i = start;
    for (;;) {
      const here = items[i];
      const left = items[2 * i + 1];
      const right = items[2 * i + 2];
      if (!here || !left) return;
      let child = 2 * i + 1;
      let next = left;
      if (right && before(right, left) < 0) {
        child = 2 * i + 2;
        next = right;
      }
      if (before(next, here) >= 0) return;
      items[i] = next;
      items[child] = here;
      i = child;
    }
  }
}

/**
 * One competency's questions, one heap per length: the best question that fits the time left is the best of the
 * heaps' tops whose length fits, so the questions too long for the tail of a plan are never walked through.
 */
class Preferred {
  private readonly byMinutes: { minutes: number; heap: Heap }[];
  readonly size: number;

  constructor(entries: Ranked[]) {
    const groups = new Map<number, Ranked[]>();
    for (const entry of entries) {
      const group = groups.get(entry.q.minutes);
      if (group) group.push(entry);
      else groups.set(entry.q.minutes, [entry]);
    }
    this.byMinutes = [...groups].map(([minutes, group]) => ({ minutes, heap: new Heap(group) }));
    this.size = entries.length;
  }

  /** The best question not picked yet that takes at most the given minutes. */
  best(maxMinutes: number, picked: ReadonlySet<string>): Question | undefined {
    let best: Ranked | undefined;
    for (const { minutes, heap } of this.byMinutes) {
      if (minutes > maxMinutes) continue;
      while (heap.top && picked.has(heap.top.q.id)) heap.drop();
      const top = heap.top;
      if (top && (!best || before(top, best) < 0)) best = top;
    }
    return best?.q;
  }
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

  // Each eligible question the candidate has not had, ranked once; then each wanted competency's, best first.
  const pool = poolOf(bank, role, level, request.kind);
  const rankOf = rankerOf(seed, usage, level);
  const ranked = pool.questions.map((q) => (usedQuestionIds.has(q.id) ? undefined : rankOf(q)));
  const eligibleCount = ranked.reduce((count, r) => (r ? count + 1 : count), 0);
  const targets = targetCompetencies(request, kinds);
  const preferred = new Map<string, Preferred>();
  for (const c of targets) {
    const entries: Ranked[] = [];
    for (const index of pool.byCompetency.get(c.id) ?? []) {
      const entry = ranked[index];
      if (entry) entries.push(entry);
    }
    preferred.set(c.id, new Preferred(entries));
  }
  for (const c of request.focusCompetencies ?? []) {
    if (!bank.competencies.some((known) => known.id === c)) gaps.push(`Unknown competency "${c}" was ignored.`);
  }
  const coverable = targets.filter((c) => (preferred.get(c.id)?.size ?? 0) > 0);

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
  // The best question of a competency that is not picked and fits the time left.
  const firstFit = (competencyId: string): Question | undefined => preferred.get(competencyId)?.best(remaining, picked);
  // One question per panelist per round; a panelist's next area is the first one (from their cursor)
  // that no picked question covers yet, else the first that still has a question that fits.
  const nextPick = (p: number): { index: number; competencyId: string; question: Question } | null => {
    const areas = focus[p] ?? [];
    let fallback: { index: number; competencyId: string; question: Question } | null = null;
    for (let tries = 0; tries < areas.length; tries++) {
      const index = ((cursor[p] ?? 0) + tries) % areas.length;
      const competencyId = areas[index];
      if (competencyId === undefined) continue;
      const question = firstFit(competencyId);
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

  if (eligibleCount === 0) {
    gaps.push(`No ${levelLabel} ${kindLabel}questions left in the bank for this candidate.`);
  } else if (planned < budget * 0.75) {
    gaps.push(
      `Only ${planned} of ${budget} minutes could be filled: the bank has no more ${levelLabel} ${kindLabel}questions for these focus areas.`,
    );
  }
  const idle = kit.filter((k) => k.items.length === 0).length;
  if (idle > 0 && eligibleCount > 0) {
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
  const pool = poolOf(request.bank, request.role, request.level, request.kind);
  const rankOf = rankerOf(request.seed, request.usage, request.level);
  let best: Ranked | null = null;
  for (const index of pool.byCompetency.get(request.competencyId) ?? []) {
    const q = pool.questions[index];
    if (
      !q ||
      request.usedQuestionIds.has(q.id) ||
      request.excludedQuestionIds.has(q.id) ||
      q.minutes > request.maxMinutes
    )
      continue;
    const candidate = rankOf(q);
    if (!best || before(candidate, best) < 0) best = candidate;
  }
  return best?.q ?? null;
}
