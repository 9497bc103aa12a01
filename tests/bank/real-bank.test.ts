import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBankDir } from '../../src/bank/load.js';
import { lintBank } from '../../src/domain/bank-lint.js';
import { bankCoverage } from '../../src/domain/bank-stats.js';
import { DEFAULT_ROLE } from '../../src/domain/roles.js';
import { LEVELS, QUESTION_KINDS } from '../../src/domain/types.js';

/** The interview guides the bank was written from, kept beside the tests so the checks run on any clone. */
const SEEDS = join(import.meta.dirname, '..', 'fixtures', 'seeds');

/** Every question asked in the seed documents, and the bank entry that carries it (true duplicates share one). */
const SEED_QUESTIONS: [seed: string, text: string, id: string][] = [
  ['000', 'What’s the difference between threads and processes?', 'threads-vs-processes'],
  ['000', 'Can you name some Performance Testing best practices?', 'performance-testing-best-practices'],
  ['000', 'Can you compare SQL databases and MongoDB at a high level?', 'sql-vs-mongodb'],
  ['000', 'Where do you see yourself in the next 5 years?', 'five-year-plan'],
  ['000', 'What are your salary expectations?', 'salary-expectations'],
  ['000', 'Has there been a time when you received negative feedback?', 'negative-feedback-received'],
  ['001', 'What is your development experience?', 'development-experience-overview'],
  ['001', 'What languages are you experienced with?', 'languages-and-frameworks-experience'],
  ['001', 'What language do you prefer to work in?', 'preferred-programming-language'],
  ['001', 'What is your favorite development tool?', 'favorite-development-tool'],
  ['001', 'What is your development process like?', 'development-process-overview'],
  ['001', 'What are the most challenging aspects of development?', 'most-challenging-aspects-of-development'],
  ['001', 'What do you enjoy most about development?', 'what-you-enjoy-most-about-development'],
  ['001', 'What motivates you to keep learning new technologies?', 'motivation-to-keep-learning'],
  ['001', 'What are your favorite technologies to work with?', 'favorite-technologies-to-work-with'],
  ['001', 'How do you stay up-to-date with new developments?', 'staying-up-to-date'],
  ['001', 'What is your take on microservices?', 'take-on-microservices'],
  ['001', 'What is your experience with DevOps?', 'experience-with-devops'],
  ['001', 'What is your experience with containers?', 'experience-with-containers'],
  ['001', 'What is your experience with cloud-based solutions?', 'experience-with-cloud-solutions'],
  ['001', 'What is your experience with API development?', 'experience-with-api-development'],
  ['001', 'What is your experience with web development?', 'experience-with-web-development'],
  ['001', 'What is your experience with database development?', 'experience-with-database-development'],
  ['001', 'What is your experience with system administration?', 'experience-with-system-administration'],
  ['001', 'What other skills do you bring to the table?', 'other-skills-you-bring'],
  ['002', 'Can a front-end developer work on back-end development?', 'frontend-developer-on-backend'],
  ['002', 'Which programming language is the best for back-end development?', 'best-backend-language'],
  [
    '003',
    'Can you walk us through a recent project where you optimized a backend system?',
    'backend-optimization-project',
  ],
  // Double-barrelled in the seed: asked as two questions, both attributed to it.
  ['003', 'How do you ensure database scalability and security in your projects?', 'database-scalability-in-practice'],
  ['003', 'How do you ensure database scalability and security in your projects?', 'database-security-in-practice'],
  [
    '003',
    'Describe a challenging bug you encountered in backend development and how you resolved it.',
    'challenging-backend-bug',
  ],
  [
    '003',
    'How do you prioritize your tasks when you have multiple projects with tight deadlines?',
    'prioritising-multiple-deadlines',
  ],
  ['003', 'What role do you typically take on in team projects?', 'typical-role-in-team-projects'],
  [
    '003',
    'How do you ensure clear communication with your team and stakeholders?',
    'communicating-technical-details-to-stakeholders',
  ],
  [
    '003',
    'Tell me about a time when you had to quickly learn a new technology or framework.',
    'learned-new-technology-quickly',
  ],
  [
    '003',
    'Can you describe a situation where you disagreed with a team member about a project?',
    'disagreement-with-teammate',
  ],
  ['003', 'Can you describe a time when you faced challenges meeting a deadline?', 'deadline-challenge'],
  ['004', 'What backend languages and frameworks have you worked with?', 'languages-and-frameworks-experience'],
  ['004', 'How do you ensure your code is maintainable and scalable?', 'maintainable-code'],
  ['004', 'How do you ensure your code is maintainable and scalable?', 'code-that-scales'],
  ['004', 'How do you typically structure a RESTful API?', 'restful-api-structure'],
  ['004', 'How do you approach testing in backend development?', 'backend-testing-approach'],
  ['004', 'Describe your experience working with databases.', 'experience-with-database-development'],
  ['004', 'Tell me about a time when a bug in your code caused a production issue.', 'bug-caused-production-issue'],
  [
    '004',
    'Describe a time when you had to explain a complex backend problem to a non-technical stakeholder.',
    'explained-backend-problem-to-non-technical',
  ],
  [
    '004',
    'Share an instance where you had to pick up an unfamiliar tech stack or framework quickly.',
    'learned-new-technology-quickly',
  ],
  [
    '004',
    'Talk about a situation where you disagreed with a teammate on a technical decision.',
    'disagreement-with-teammate',
  ],
  [
    '004',
    'Give an example of how you improved an existing backend process or system.',
    'improved-existing-backend-process',
  ],
  ['004', 'You’re given a legacy codebase with no documentation. What’s your first step?', 'legacy-codebase-no-docs'],
  [
    '004',
    'You discover a data breach affecting user information. What do you do immediately?',
    'data-breach-discovered',
  ],
  ['004', 'Product asks you to deliver a feature in half the originally planned time.', 'feature-in-half-the-time'],
  ['004', 'You notice performance degradation in the API during peak hours.', 'api-degrades-at-peak'],
  ['004', 'How do you design and secure Restful APIs?', 'securing-rest-apis'],
  ['004', 'How do you design and secure Restful APIs?', 'restful-api-structure'],
  [
    '004',
    'How do you handle database optimization for high-traffic applications?',
    'database-optimization-high-traffic',
  ],
  ['004', 'What’s your approach to CI/CD in backend projects?', 'ci-cd-approach'],
  ['004', 'How do you monitor and maintain system health after deployment?', 'monitoring-system-health'],
  ['004', 'What’s the difference between monolithic and microservices architectures?', 'monolith-vs-microservices'],
  ['004', 'Which skill is most important for a back-end developer?', 'essential-backend-knowledge'],
  ['004', 'What must a backend developer know?', 'essential-backend-knowledge'],
  ['004', 'What is the primary responsibility of a backend developer?', 'backend-stack-technologies'],
  ['004', 'Which technology is used in the backend?', 'backend-stack-technologies'],
];

const SEED_FILES: Record<string, string> = {
  '000': '000_89e900bebfeedc3e.txt',
  '001': '001_cb5147bbfa2c0786.txt',
  '002': '002_64e7bffbf2ed969a.txt',
  '003': '003_f99f02e2454aa31d.txt',
  '004': '004_d97f3a75d4fac3f6.txt',
};

describe('the shipped question bank', () => {
  const bank = loadBankDir();
  const byId = new Map(bank.questions.map((q) => [q.id, q]));

  it.each(SEED_QUESTIONS)('carries seed %s’s question %j as %s', (seed, _text, id) => {
    const q = byId.get(id);
    expect(q, `no question "${id}" in db/questions`).toBeDefined();
    // Attributed to a seed that asks it (merged duplicates keep the seed where they first appear).
    const askedIn = SEED_QUESTIONS.filter(([, , other]) => other === id).map(([s]) => SEED_FILES[s]);
    expect(askedIn).toContain(q?.source);
    expect(q?.guidance.length).toBeGreaterThan(80);
    expect(q?.redFlags.length).toBeGreaterThan(0);
    expect(seed in SEED_FILES).toBe(true);
  });

  it('quotes each seed question as its seed file asks it', () => {
    const norm = (text: string) => text.toLowerCase().replace(/[’']/g, "'").replace(/\s+/g, ' ');
    for (const [seed, text] of SEED_QUESTIONS) {
      const file = readFileSync(join(SEEDS, SEED_FILES[seed] ?? ''), 'utf8');
      expect(norm(file), `${seed}: ${text}`).toContain(norm(text).replace(/[?.]$/, ''));
    }
  });

  it('words guidance and strong answers in its own words, never copying a seed’s sample answer', () => {
    const seeds = Object.values(SEED_FILES).map((f) =>
      readFileSync(join(SEEDS, f), 'utf8').toLowerCase().replace(/\s+/g, ' '),
    );
    for (const q of bank.questions) {
      for (const text of [q.guidance, q.strongAnswer ?? '']) {
        const words = text.toLowerCase().replace(/\s+/g, ' ').split(' ');
        // No run of ten words taken over from a seed.
        for (let i = 0; i + 10 <= words.length; i++) {
          const run = words.slice(i, i + 10).join(' ');
          for (const seed of seeds) expect(seed.includes(run), `${q.id}: "${run}"`).toBe(false);
        }
      }
    }
  });

  it('passes the bank lint: a strong answer and a style for every question, no near-duplicates, four questions in every cell', () => {
    const lint = lintBank(bank, DEFAULT_ROLE);
    expect(lint.missingStrongAnswer).toEqual([]);
    expect(lint.unstyled).toEqual([]);
    expect(lint.duplicates).toEqual([]);
    expect(lint.thinCells).toEqual([]);
    expect(lint.seniorTrivia).toEqual([]);
    expect(lint.unnamedRoles).toEqual([]);
  });

  it('writes strong answers for the levels a question lists, saying what each level sounds like', () => {
    for (const q of bank.questions.filter((q) => q.levels.length > 1 && !q.sensitive)) {
      const answer = q.strongAnswer ?? '';
      const named = q.levels.filter((level) => new RegExp(`\\b${level}`, 'i').test(answer));
      const forAll = /\b(any|every) level\b/i.test(answer);
      expect(named.length >= 2 || forAll, `${q.id}: ${answer}`).toBe(true);
    }
  });

  it('gives every question one or two follow-ups and at least one red flag', () => {
    for (const q of bank.questions) {
      expect(q.followUps.length, q.id).toBeGreaterThanOrEqual(1);
      expect(q.followUps.length, q.id).toBeLessThanOrEqual(2);
      expect(q.redFlags.length, q.id).toBeGreaterThanOrEqual(1);
    }
  });

  it('gives seed 002’s topics questions at every level', () => {
    const fromTopics = bank.questions.filter((q) => q.source === SEED_FILES['002']);
    for (const level of LEVELS) expect(fromTopics.filter((q) => q.levels.includes(level)).length).toBeGreaterThan(2);
  });

  it.each(LEVELS.flatMap((level) => QUESTION_KINDS.map((kind) => [level, kind] as const)))(
    'has at least 100 minutes of eligible %s %s questions (two 60-minute rounds without a repeat)',
    (level, kind) => {
      const cell = bankCoverage(bank, DEFAULT_ROLE).find((c) => c.level === level && c.kind === kind);
      expect(cell?.minutes).toBeGreaterThanOrEqual(100);
    },
  );

  it('marks salary questions sensitive so they are never picked automatically', () => {
    const salary = bank.questions.filter((q) => /salary|compensation|pay\b/i.test(q.text));
    expect(salary.length).toBeGreaterThan(0);
    for (const q of salary) expect(q.sensitive, q.id).toBe(true);
  });

  it('gives every competency a four-point rubric and questions at every level of its kinds', () => {
    for (const c of bank.competencies) {
      for (const point of [1, 2, 3, 4] as const) expect(c.rubric[point].length).toBeGreaterThan(10);
      for (const level of LEVELS) {
        const asked = bank.questions.some(
          (q) => q.competencies.includes(c.id) && q.levels.includes(level) && !q.sensitive,
        );
        expect(asked, `${c.id} at ${level}`).toBe(true);
      }
    }
  });

  it('keeps each question’s competencies within its kind', () => {
    const kinds = new Map(bank.competencies.map((c) => [c.id, c.kinds]));
    for (const q of bank.questions) {
      for (const c of q.competencies) expect(kinds.get(c), `${q.id} → ${c}`).toContain(q.kind);
    }
  });

  it('carries the seeds’ tips, interviewer advice apart from recruiting and loop design', () => {
    const text = (audience: string) =>
      bank.tips
        .filter((t) => t.audience === audience)
        .map((t) => t.text.toLowerCase())
        .join('\n');
    expect(bank.tips.filter((t) => t.audience === 'interviewer').length).toBeGreaterThanOrEqual(6);
    for (const theme of ['architect', 'puzzle', 'incident', 'trade-off']) expect(text('interviewer')).toContain(theme);
    for (const theme of ['screen', 'loop']) expect(text('hiring-lead')).toContain(theme);
    expect(text('interviewer')).not.toContain('online assessment');
  });
});
