import type { ReadDb, WriteDb } from './schema';

// Settings are stored as JSON per key; absent keys take the defaults below, so a new
// setting needs no migration.
export const settingDefaults = {
  clerkName: '经办人',
  /** Youth members are those under 18 on this date; null means today. */
  youthReferenceDate: null as string | null,
  /** Cumulative service hours for 1–5 stars (星级志愿者); localities set their own. */
  starThresholdsHours: [100, 300, 600, 1000, 1500] as number[],
  /** 会费 defaults in fen (10 元 adult, 5 元 youth). */
  duesAdultFen: 1000,
  duesYouthFen: 500,
  /** Years before this are not judged by the dues lapse rule; null = the earliest year with dues recorded. */
  duesFirstYear: null as number | null,
  /** 联系电话 printed under the annual tables; null leaves a line to fill in by hand. */
  statsContactPhone: null as string | null,
  /** The last bulk 视为自动退会, undoable while its change-log rows are the newest. */
  duesLastLapse: null as { batchId: string; fromLogId: number; toLogId: number; count: number; at: string; lapsedOn: string; orgName: string | null } | null,
  /** 常住人口 of the county, the denominator of the ‰ volunteer target; the ledger cannot know it. */
  dashboardResidentPopulation: null as number | null,
  /** Communities in the county (many have no Red Cross organisation yet); null = the 社区-type organisations in the ledger. */
  dashboardCommunityCount: null as number | null,
  /** Code of the checklist template a community must meet in full to count as meeting the campaign goals. */
  dashboardCampaignTemplate: '五有',
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
