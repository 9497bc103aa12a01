// planKit for 8 panelists over synthetic banks of growing size, with a loop history of 50 questions.
import { type KitRequest, planKit } from '../src/domain/kit-planner.js';
import { DEFAULT_ROLE } from '../src/domain/roles.js';
import { add, log, quantile, ratio, timeEach } from './report.js';
import { pick, prng, realCompetencies, syntheticBank } from './synthetic.js';

const SIZES = [100, 1_000, 10_000] as const;
const RUNS: Record<(typeof SIZES)[number], number> = { 100: 2_000, 1000: 1_000, 10000: 300 };
const PANEL = Array.from({ length: 8 }, (_, i) => `U0PAN${i + 1}`);
const TARGET_MS = 2;

function request(size: number): (i: number) => KitRequest {
  const bank = syntheticBank(size, realCompetencies(), size);
  const rand = prng(size + 7);
  const ids = bank.questions.map((q) => q.id);
  const used = new Set<string>();
  while (used.size < Math.min(50, ids.length)) used.add(pick(rand, ids));
  // Usage across all candidates: about a third of the bank has been planned before.
  const usage = new Map(ids.filter(() => rand() < 0.35).map((id) => [id, 1 + Math.floor(rand() * 20)]));
  return (i) => ({
    bank,
    role: DEFAULT_ROLE,
    level: 'senior',
    kind: 'technical',
    minutes: 60,
    allowanceMinutes: 10,
    panelists: PANEL,
    usedQuestionIds: used,
    usage,
    seed: String(1000 + i), // a new interview id each time, as in production
  });
}

export async function benchPlanner(): Promise<void> {
  const medians: number[] = [];
  for (const size of SIZES) {
    const make = request(size);
    const runs = RUNS[size];
    let planned = 0;
    await timeEach(Math.ceil(runs / 5), (i) => planKit(make(i))); // warm-up (JIT)
    const requests = Array.from({ length: runs }, (_, i) => make(i));
    const times = await timeEach(runs, (i) => {
      const req = requests[i];
      if (req) planned += planKit(req).plannedMinutes;
    });
    const p50 = quantile(times, 0.5);
    const p99 = quantile(times, 0.99);
    medians.push(p50);
    log(`planner ${size}: p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms (avg ${planned / runs} min planned)`);
    const last = size === 10_000;
    add({
      section: 'Planner',
      metric: `planKit, 8 panelists, ${size.toLocaleString('en-US')} questions, history 50 (p50 / p99)`,
      value: `${p50.toFixed(3)} / ${p99.toFixed(3)} ms`,
      ...(last ? { target: `p50 < ${TARGET_MS} ms`, pass: p50 < TARGET_MS } : {}),
    });
  }
  const [a = 0, b = 0, c = 0] = medians;
  add({
    section: 'Planner',
    metric: 'growth per 10x questions (100→1k, 1k→10k)',
    value: `${ratio(b / a)}, ${ratio(c / b)}`,
  });
}
