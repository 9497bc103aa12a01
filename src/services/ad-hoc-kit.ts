import type { Kysely } from 'kysely';
import { questionUsage, readBank } from '../db/repositories/bank.js';
import type { Database } from '../db/schema.js';
import { type Kit, planKit } from '../domain/kit-planner.js';
import type { Bank, InterviewKind, Level } from '../domain/types.js';

export interface AdHocInput {
  level: Level;
  kind: InterviewKind;
  minutes: number;
  panelists: number;
  role: string;
  allowanceMinutes: number;
  /** Same seed, same kit: the requester and the day make it stable for a while but not forever. */
  seed: string;
}

export interface KitWithBank {
  kit: Kit;
  bank: Bank;
}

/** A kit for an interview that is not scheduled: nothing is saved, nothing is excluded. */
export async function buildAdHocKit(db: Kysely<Database>, input: AdHocInput): Promise<KitWithBank> {
  const [bank, usage] = await Promise.all([readBank(db), questionUsage(db)]);
  const panelists = Array.from({ length: input.panelists }, (_, i) => `Panelist ${i + 1}`);
  const kit = planKit({
    bank,
    role: input.role,
    level: input.level,
    kind: input.kind,
    minutes: input.minutes,
    allowanceMinutes: input.allowanceMinutes,
    panelists,
    usedQuestionIds: new Set(),
    usage,
    seed: input.seed,
  });
  return { kit, bank };
}
