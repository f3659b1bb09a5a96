import { sql } from 'kysely';
import type { ApiOutput, ParsedInput } from '../contract';
import { allowedBeforeSetup, mutation, query, type ReadContext, type WriteContext } from '../handler';
import { latestSchemaVersion, schemaVersion } from '../../db/migrate';
import { readSettings, writeSetting } from '../../db/settings';
import { divisionListVersion } from '../../domain/division-codes';
import { maskPhone, normalizePhone } from '../../domain/phone';
import { fail } from '../../errors';

export const appHandlers = {
  'app.status': allowedBeforeSetup(query(appStatus)),
  'settings.get': allowedBeforeSetup(query(getSettings)),
  'settings.update': allowedBeforeSetup(mutation(updateSettings)),
  'system.check': allowedBeforeSetup(query(systemCheck)),
};

async function appStatus(ctx: ReadContext): Promise<ApiOutput<'app.status'>> {
  const settings = await readSettings(ctx.db);
  return {
    setupDone: ctx.county !== null,
    county: ctx.county ? { divisionCode: ctx.county.division_code, name: ctx.county.name } : null,
    clerkName: settings.clerkName,
    schemaVersion: await schemaVersion(ctx.db),
    dbFile: ctx.dbFile,
    divisionListVersion,
    today: ctx.today,
  };
}

async function getSettings(ctx: ReadContext): Promise<ApiOutput<'settings.get'>> {
  return readSettings(ctx.db);
}

async function updateSettings(ctx: WriteContext, input: ParsedInput<'settings.update'>): Promise<ApiOutput<'settings.update'>> {
  if (input.clerkName !== undefined) await writeSetting(ctx.db, 'clerkName', input.clerkName);
  if (input.duesAdultFen !== undefined) await writeSetting(ctx.db, 'duesAdultFen', input.duesAdultFen);
  if (input.duesYouthFen !== undefined) await writeSetting(ctx.db, 'duesYouthFen', input.duesYouthFen);
  if (input.duesFirstYear !== undefined) await writeSetting(ctx.db, 'duesFirstYear', input.duesFirstYear);
  if (input.youthReferenceDate !== undefined) await writeSetting(ctx.db, 'youthReferenceDate', input.youthReferenceDate);
  if (input.statsContactPhone !== undefined) await updateContactPhone(ctx, input.statsContactPhone);
  return readSettings(ctx.db);
}

/**
 * The office number printed under the annual tables. It is stored and shown in full, but the
 * change log keeps it masked like every other number written to a log.
 */
async function updateContactPhone(ctx: WriteContext, raw: string | null): Promise<void> {
  let phone: string | null = null;
  if (raw !== null && raw !== '') {
    phone = normalizePhone(raw);
    if (!phone) fail('INVALID_INPUT', '「联系电话（填报用）」应为 11 位手机号（1 开头）或带区号的固定电话，如 0571-87654321。');
  }
  const before = (await readSettings(ctx.db)).statsContactPhone;
  if (before === phone) return;
  await writeSetting(ctx.db, 'statsContactPhone', phone);
  await ctx.db
    .insertInto('change_log')
    .values({ batch_id: ctx.batchId, at: ctx.now.toISOString(), actor: ctx.actor, entity: 'setting', entity_id: 0, action: 'update', field: 'statsContactPhone', old_value: before && maskPhone(before), new_value: phone && maskPhone(phone) })
    .execute();
}

const countedTables = ['organization', 'person', 'member', 'group_member', 'volunteer', 'volunteer_team', 'service_record', 'service_hours', 'change_log'] as const;

async function systemCheck(ctx: ReadContext): Promise<ApiOutput<'system.check'>> {
  const quickCheck = (ctx.sqlite.pragma('quick_check', { simple: false }) as Array<{ quick_check: string }>).map((r) => r.quick_check);
  const foreignKeyViolations = (ctx.sqlite.pragma('foreign_key_check') as unknown[]).length;
  const journalMode = String(ctx.sqlite.pragma('journal_mode', { simple: true }));
  const counts: Record<string, number> = {};
  for (const table of countedTables) {
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(ctx.db);
    counts[table] = Number(rows[0]?.n ?? 0);
  }
  const version = await schemaVersion(ctx.db);
  return {
    ok: quickCheck.length === 1 && quickCheck[0] === 'ok' && foreignKeyViolations === 0 && version === latestSchemaVersion,
    quickCheck,
    foreignKeyViolations,
    schemaVersion: version,
    latestSchemaVersion,
    journalMode,
    counts,
  };
}
