import type { ReadDb, WriteDb } from './schema';

// Settings are stored as JSON per key; absent keys take the defaults below, so a new
// setting needs no migration.
export const settingDefaults = {
  clerkName: '经办人',
  /** Youth members are those under 18 on this date; null means today. */
  youthReferenceDate: null as string | null,
  /** Cumulative service hours for 1–5 stars (星级志愿者); localities set their own. */
  starThresholdsHours: [100, 300, 600, 1000, 1500] as number[],
};

export type Settings = typeof settingDefaults;

export async function readSettings(db: ReadDb): Promise<Settings> {
  const rows = await db.selectFrom('setting').select(['key', 'value_json']).execute();
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value_json) as unknown]));
  return { ...settingDefaults, ...(stored as Partial<Settings>) };
}

export async function writeSetting<K extends keyof Settings>(db: WriteDb, key: K, value: Settings[K]): Promise<void> {
  await db
    .insertInto('setting')
    .values({ key, value_json: JSON.stringify(value) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value_json: JSON.stringify(value) }))
    .execute();
}
