import type { CountySociety, ReadDb, SocietyTerm, WriteDb } from './schema';

export async function readCountySociety(db: ReadDb): Promise<CountySociety | null> {
  return (await db.selectFrom('county_society').selectAll().where('id', '=', 1).executeTakeFirst()) ?? null;
}

export async function readSocietyTerms(db: ReadDb): Promise<SocietyTerm[]> {
  return db.selectFrom('society_term').selectAll().orderBy('started_on').execute();
}

export async function replaceSocietyTerms(
  db: WriteDb,
  terms: Array<{ startedOn: string; dueOn: string; note: string | null }>,
): Promise<void> {
  await db.deleteFrom('society_term').execute();
  if (terms.length > 0) {
    await db
      .insertInto('society_term')
      .values(terms.map((t) => ({ started_on: t.startedOn, due_on: t.dueOn, note: t.note })))
      .execute();
  }
}
