import { z } from 'zod';
import { LEVELS, QUESTION_KINDS, QUESTION_STYLES, TIP_AUDIENCES } from '../domain/types.js';

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug such as "threads-vs-processes"')
  .max(80);
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const SOURCE = /^(custom|\d{3}_[0-9a-f]{16}\.txt)$/;

export const competencySchema = z.strictObject({
  id: slug,
  name: text(60),
  description: text(400),
  kinds: z.array(z.enum(QUESTION_KINDS)).min(1),
  rubric: z.strictObject({ 1: text(300), 2: text(300), 3: text(300), 4: text(300) }),
});

export const questionSchema = z.strictObject({
  id: slug,
  text: text(500),
  roles: z.array(slug).default([]),
  kind: z.enum(QUESTION_KINDS),
  competencies: z.array(slug).min(1),
  levels: z.array(z.enum(LEVELS)).min(1),
  minutes: z.number().int().min(1).max(60),
  source: z.string().regex(SOURCE, 'must be a seed file name like "000_89e900bebfeedc3e.txt" or "custom"'),
  guidance: text(1200),
  strong_answer: text(1200).optional(),
  red_flags: z.array(text(300)).default([]),
  follow_ups: z.array(text(300)).default([]),
  sensitive: z.boolean().default(false),
  active: z.boolean().default(true),
  style: z.enum(QUESTION_STYLES).optional(),
});

export const tipSchema = z.strictObject({
  id: slug,
  text: text(600),
  source: z.string().regex(SOURCE),
  audience: z.enum(TIP_AUDIENCES),
  kinds: z.array(z.enum(QUESTION_KINDS)).default([]),
  levels: z.array(z.enum(LEVELS)).default([]),
});

export const roleSchema = z.strictObject({
  id: slug,
  name: text(60),
  description: text(400),
});

export const bankFileSchema = z.strictObject({
  roles: z.array(roleSchema).optional(),
  competencies: z.array(competencySchema).optional(),
  tips: z.array(tipSchema).optional(),
  questions: z.array(questionSchema).optional(),
});

export type BankFile = z.infer<typeof bankFileSchema>;
export type QuestionEntry = z.infer<typeof questionSchema>;
export type RoleEntry = z.infer<typeof roleSchema>;
