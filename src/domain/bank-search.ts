import type { Bank, Question } from './types.js';

/** Questions matching every word of the query in their text, id, kind, levels or competency names. */
export function searchBank(bank: Bank, query: string, includeInactive = false): Question[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const names = new Map(bank.competencies.map((c) => [c.id, c.name.toLowerCase()]));
  return bank.questions.filter((q) => {
    if (!q.active && !includeInactive) return false;
    const haystack = [
      q.text,
      q.id,
      q.kind,
      ...q.levels,
      ...q.competencies,
      ...q.competencies.map((c) => names.get(c) ?? ''),
    ]
      .join(' ')
      .toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}

export function slugify(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .split('-')
      .slice(0, 8)
      .join('-') || 'question'
  );
}

/** A new id from the question's text, unique among `taken`. */
export function uniqueQuestionId(text: string, taken: ReadonlySet<string>): string {
  const base = slugify(text).slice(0, 70).replace(/-+$/, '');
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
