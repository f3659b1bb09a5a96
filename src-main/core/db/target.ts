import type { ReadDb, TargetRow, WriteDb } from './schema';

// The targets the dashboard tracks (seeded by migration 0020); a county edits threshold and due year.

export async function readTargets(db: ReadDb): Promise<TargetRow[]> {
  return db.selectFrom('target').selectAll().execute();
}

export async function updateTarget(db: WriteDb, code: string, values: { threshold: number; due_year: number | null }): Promise<void> {
  await db.updateTable('target').set(values).where('code', '=', code).execute();
}
