import type { ApiOutput, ParsedInput } from '../contract';
import { mutation, query, type ReadContext, type WriteContext } from '../handler';
import { fail } from '../../errors';
import { evaluateCampaign } from '../../dashboard/campaign';
import { computeDashboard, targetOrder, type DashboardInputs } from '../../dashboard/compute';
import { dashboardRecords } from '../../dashboard/records';
import { readDashboardFacts } from '../../db/dashboard-facts';
import { readSettings, writeSetting, type Settings } from '../../db/settings';
import { readTargets, updateTarget } from '../../db/target';
import type { ReadDb } from '../../db/schema';

async function inputsFor(ctx: ReadContext, asOf: string): Promise<DashboardInputs> {
  const settings = await readSettings(ctx.db);
  const facts = readDashboardFacts(ctx.sqlite, asOf);
  const templateCode = settings.dashboardCampaignTemplate;
  const communityIds = facts.orgs.filter((o) => o.established && o.isCommunity).map((o) => o.id);
  const campaign = evaluateCampaign(ctx.sqlite, { templateCode, asOf, organizationIds: communityIds });
  return {
    asOf,
    facts,
    targets: await readTargets(ctx.db),
    residentPopulation: settings.dashboardResidentPopulation,
    communityCount: settings.dashboardCommunityCount,
    templateCode,
    meeting: campaign.meeting,
    templateMissing: campaign.templateMissing,
  };
}

export const dashboardHandlers = {
  'dashboard.get': query(async (ctx, input: ParsedInput<'dashboard.get'>): Promise<ApiOutput<'dashboard.get'>> => computeDashboard(await inputsFor(ctx, input.asOf ?? ctx.today))),
  'dashboard.records': query(async (ctx, input: ParsedInput<'dashboard.records'>): Promise<ApiOutput<'dashboard.records'>> => {
    const inputs = await inputsFor(ctx, input.asOf ?? ctx.today);
    return dashboardRecords(ctx.sqlite, inputs, input.key, input.part, { townshipId: input.townshipId, typeId: input.typeId }, { offset: input.offset, limit: input.limit });
  }),
  'dashboard.settings.get': query((ctx) => readDashboardSettings(ctx)),
  'dashboard.settings.update': mutation(updateSettings),
  'dashboard.target.update': mutation(updateTargetHandler),
};

async function readDashboardSettings(ctx: ReadContext): Promise<ApiOutput<'dashboard.settings.get'>> {
  const settings = await readSettings(ctx.db);
  const targets = await readTargets(ctx.db);
  return {
    residentPopulation: settings.dashboardResidentPopulation,
    communityCount: settings.dashboardCommunityCount,
    communityCountInLedger: readDashboardFacts(ctx.sqlite, ctx.today).orgs.filter((o) => o.established && o.isCommunity).length,
    templateCode: settings.dashboardCampaignTemplate,
    targets: targetOrder.map((key) => {
      const t = targets.find((row) => row.code === key)!;
      return { key, name: t.label, comparator: t.comparator, threshold: t.threshold, unit: t.unit, dueYear: t.due_year, source: t.source };
    }),
  };
}

/** A template code must name a template the county has (the builtins always exist, migration 0060). */
async function checkTemplate(db: ReadDb, code: string): Promise<void> {
  const codes = (await db.selectFrom('checklist_template').select('code').execute()).map((r) => r.code);
  if (!codes.includes(code)) {
    fail('INVALID_INPUT', `「达标模板」找不到代码为“${code}”的检查模板；现有模板：${[...new Set(codes)].join('、')}。`);
  }
}

async function logSetting(ctx: WriteContext, field: string, before: unknown, after: unknown): Promise<void> {
  if (before === after) return;
  await ctx.db
    .insertInto('change_log')
    .values({ batch_id: ctx.batchId, at: ctx.now.toISOString(), actor: ctx.actor, entity: 'setting', entity_id: 0, action: 'update', field, old_value: before === null ? null : String(before), new_value: after === null ? null : String(after) })
    .execute();
}

async function updateSettings(ctx: WriteContext, input: ParsedInput<'dashboard.settings.update'>): Promise<ApiOutput<'dashboard.settings.update'>> {
  const before = await readSettings(ctx.db);
  const changes: Array<[keyof Settings, number | string | null | undefined]> = [
    ['dashboardResidentPopulation', input.residentPopulation],
    ['dashboardCommunityCount', input.communityCount],
    ['dashboardCampaignTemplate', input.templateCode],
  ];
  if (input.templateCode !== undefined) await checkTemplate(ctx.db, input.templateCode);
  for (const [key, value] of changes) {
    if (value === undefined) continue;
    await writeSetting(ctx.db, key, value as never);
    await logSetting(ctx, key, before[key], value);
  }
  return readDashboardSettings(ctx);
}

async function updateTargetHandler(ctx: WriteContext, input: ParsedInput<'dashboard.target.update'>): Promise<ApiOutput<'dashboard.target.update'>> {
  const row = (await readTargets(ctx.db)).find((t) => t.code === input.key);
  if (!row) fail('NOT_FOUND', `找不到目标“${input.key}”。`);
  if (row.unit === '%' && input.threshold > 100) fail('INVALID_INPUT', `「目标值」“${row.label}”是百分比，不能超过 100。`);
  if (row.unit === '‰' && input.threshold > 1000) fail('INVALID_INPUT', `「目标值」“${row.label}”是千分比，不能超过 1000。`);
  if (row.unit === '个' && !Number.isInteger(input.threshold)) fail('INVALID_INPUT', `「目标值」“${row.label}”以“个”计，应为整数。`);
  const dueYear = input.dueYear === undefined ? row.due_year : input.dueYear;
  await updateTarget(ctx.db, row.code, { threshold: input.threshold, due_year: dueYear });
  await logSetting(ctx, `target.${row.code}.threshold`, row.threshold, input.threshold);
  await logSetting(ctx, `target.${row.code}.dueYear`, row.due_year, dueYear);
  return readDashboardSettings(ctx);
}
