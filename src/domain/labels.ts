import type { InterviewKind, Level } from './types.js';

// Display names for the slugs stored in the database: people read "Backend developer · Senior · Technical".

const LEVEL_NAMES: Record<Level, string> = { junior: 'Junior', mid: 'Mid-level', senior: 'Senior', lead: 'Lead' };

const KIND_NAMES: Record<InterviewKind, string> = {
  technical: 'Technical',
  behavioral: 'Behavioral',
  situational: 'Situational',
  'soft-skills': 'Soft skills',
  general: 'General',
  mixed: 'Mixed',
};

/** A slug as words: `backend-developer` → `Backend developer`. */
export function humanize(slug: string): string {
  const words = slug.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The role's display name: the bank's when it has one, else the slug in words. */
export function roleName(role: string, names?: ReadonlyMap<string, string>): string {
  return names?.get(role) ?? humanize(role);
}

export function levelName(level: Level): string {
  return LEVEL_NAMES[level];
}

export function kindName(kind: InterviewKind): string {
  return KIND_NAMES[kind];
}

/** "Backend developer · Senior" and, with a kind, "Backend developer · Senior · Technical". */
export function roleLine(
  role: string,
  level: Level,
  kind?: InterviewKind,
  names?: ReadonlyMap<string, string>,
): string {
  const parts = [roleName(role, names), levelName(level)];
  if (kind) parts.push(kindName(kind));
  return parts.join(' · ');
}
