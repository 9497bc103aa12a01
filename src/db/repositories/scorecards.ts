import type { Db } from '../schema.js';

/** Scorecards in / scorecards owed, over the loop's interviews that are still on. */
export async function progressOfLoop(db: Db, loopId: number): Promise<{ submitted: number; expected: number }> {
  const row = await db
    .selectFrom('interview_panelists as p')
    .innerJoin('interviews as i', 'i.id', 'p.interview_id')
    .leftJoin('scorecards as s', (join) =>
      join
        .onRef('s.interview_id', '=', 'p.interview_id')
        .onRef('s.panelist_id', '=', 'p.user_id')
        .on('s.status', '=', 'submitted'),
    )
    .select((eb) => [eb.fn.countAll<number>().as('expected'), eb.fn.count<number>('s.id').as('submitted')])
    .where('i.loop_id', '=', loopId)
    .where('i.status', '=', 'scheduled')
    .executeTakeFirst();
  return { submitted: Number(row?.submitted ?? 0), expected: Number(row?.expected ?? 0) };
}
