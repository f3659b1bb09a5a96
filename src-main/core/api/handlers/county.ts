import type { ApiOutput, Governance, ParsedInput } from '../contract';
import { allowedBeforeSetup, mutation, query, type ReadContext, type WriteContext } from '../handler';
import { fail } from '../../errors';
import { readCountySociety, readSocietyTerms, replaceSocietyTerms } from '../../db/county';
import { recordChanges } from '../../db/change-log';
import type { CountySociety, ReadDb } from '../../db/schema';
import { divisionListVersion, lookupCounty } from '../../domain/division-codes';

export const countyHandlers = {
  'county.lookup': allowedBeforeSetup(query(lookup)),
  'county.setup': allowedBeforeSetup(mutation(setup)),
  'county.get': query(getCounty),
  'county.updateGovernance': mutation(updateGovernance),
};

function requireKnownCounty(code: string) {
  const info = lookupCounty(code);
  if (!info) {
    fail(
      'COUNTY_CODE_UNKNOWN',
      `行政区划代码 ${code} 不是县级代码（依据 ${divisionListVersion} 年统计用区划代码表）。请填写本县（市、区）的 6 位代码，例如杭州市西湖区为 330106。`,
    );
  }
  return info;
}

async function lookup(_ctx: ReadContext, input: ParsedInput<'county.lookup'>): Promise<ApiOutput<'county.lookup'>> {
  if (!/^\d{6}$/.test(input.code)) fail('INVALID_INPUT', '行政区划代码应为 6 位数字。');
  return requireKnownCounty(input.code);
}

const flag = (v: 0 | 1 | null) => (v === null ? null : v === 1);

export async function toCounty(db: ReadDb, row: CountySociety): Promise<ApiOutput<'county.get'>> {
  const info = lookupCounty(row.division_code);
  const terms = await readSocietyTerms(db);
  const governance: Governance = {
    mgmtRationalized: flag(row.mgmt_rationalized),
    mgmtRationalizedOn: row.mgmt_rationalized_on,
    partyGroupEstablished: flag(row.party_group_established),
    partyGroupEstablishedOn: row.party_group_established_on,
    supervisoryBoardEstablished: flag(row.supervisory_board_established),
    supervisoryBoardEstablishedOn: row.supervisory_board_established_on,
    terms: terms.map((t) => ({ startedOn: t.started_on, dueOn: t.due_on, note: t.note })),
  };
  return {
    divisionCode: row.division_code,
    name: row.name,
    city: info?.city ?? '',
    province: info?.province ?? '',
    divisionListVersion: row.division_list_version,
    governance,
    governanceMissing: missingGovernance(governance),
  };
}

/** What the annual tables (items 1, 3, 5, 7) need and the clerk has not yet recorded. */
function missingGovernance(g: Governance): string[] {
  const missing: string[] = [];
  if (g.mgmtRationalized === null) missing.push('是否理顺管理体制');
  else if (g.mgmtRationalized && !g.mgmtRationalizedOn) missing.push('理顺管理体制的日期');
  if (g.terms.length === 0) missing.push('理事会届期（换届日期）');
  if (g.partyGroupEstablished === null) missing.push('是否设立党组');
  else if (g.partyGroupEstablished && !g.partyGroupEstablishedOn) missing.push('设立党组的日期');
  if (g.supervisoryBoardEstablished === null) missing.push('是否设立监事会');
  else if (g.supervisoryBoardEstablished && !g.supervisoryBoardEstablishedOn) missing.push('设立监事会的日期');
  return missing;
}

async function setup(ctx: WriteContext, input: ParsedInput<'county.setup'>): Promise<ApiOutput<'county.setup'>> {
  requireKnownCounty(input.divisionCode);
  const existing = await readCountySociety(ctx.db);
  const at = ctx.now.toISOString();
  if (existing && existing.division_code !== input.divisionCode) {
    fail(
      'COUNTY_MISMATCH',
      `该数据文件已登记为 ${existing.name}（${existing.division_code}），不能改为 ${input.divisionCode}。如需管理另一个县，请新建数据文件。`,
    );
  }
  if (existing) {
    await ctx.db.updateTable('county_society').set({ name: input.name, updated_at: at }).where('id', '=', 1).execute();
  } else {
    await ctx.db
      .insertInto('county_society')
      .values({
        id: 1,
        division_code: input.divisionCode,
        name: input.name,
        division_list_version: divisionListVersion,
        mgmt_rationalized: null,
        mgmt_rationalized_on: null,
        party_group_established: null,
        party_group_established_on: null,
        supervisory_board_established: null,
        supervisory_board_established_on: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }
  await recordChanges(ctx, 'county_society', 1, existing ? 'update' : 'create', existing ? { name: existing.name, divisionCode: existing.division_code } : null, {
    name: input.name,
    divisionCode: input.divisionCode,
  });
  return toCounty(ctx.db, (await readCountySociety(ctx.db))!);
}

async function getCounty(ctx: ReadContext): Promise<ApiOutput<'county.get'>> {
  return toCounty(ctx.db, ctx.county!);
}

const toFlag = (v: boolean | null) => (v === null ? null : v ? 1 : 0);

async function updateGovernance(ctx: WriteContext, input: ParsedInput<'county.updateGovernance'>): Promise<ApiOutput<'county.updateGovernance'>> {
  for (const [i, term] of input.terms.entries()) {
    if (term.dueOn <= term.startedOn) fail('INVALID_INPUT', `第 ${i + 1} 届：应换届日期必须晚于换届（任期开始）日期。`);
  }
  const dated: Array<[boolean | null, string | null, string]> = [
    [input.mgmtRationalized, input.mgmtRationalizedOn, '理顺管理体制'],
    [input.partyGroupEstablished, input.partyGroupEstablishedOn, '设立党组'],
    [input.supervisoryBoardEstablished, input.supervisoryBoardEstablishedOn, '设立监事会'],
  ];
  for (const [done, on, label] of dated) {
    if (done !== true && on !== null) fail('INVALID_INPUT', `“${label}”选择了“否”或“未填写”，不应填写日期。`);
    if (on !== null && on > ctx.today) fail('INVALID_INPUT', `“${label}”的日期不能晚于今天。`);
  }
  const before = await toCounty(ctx.db, ctx.county!);
  await ctx.db
    .updateTable('county_society')
    .set({
      mgmt_rationalized: toFlag(input.mgmtRationalized),
      mgmt_rationalized_on: input.mgmtRationalizedOn,
      party_group_established: toFlag(input.partyGroupEstablished),
      party_group_established_on: input.partyGroupEstablishedOn,
      supervisory_board_established: toFlag(input.supervisoryBoardEstablished),
      supervisory_board_established_on: input.supervisoryBoardEstablishedOn,
      updated_at: ctx.now.toISOString(),
    })
    .where('id', '=', 1)
    .execute();
  const sortedTerms = [...input.terms].sort((a, b) => a.startedOn.localeCompare(b.startedOn));
  await replaceSocietyTerms(ctx.db, sortedTerms);
  const termsText = (terms: Governance['terms']) => terms.map((t) => `${t.startedOn}～${t.dueOn}`).join('；') || null;
  const { terms: _beforeTerms, ...beforeFacts } = before.governance;
  const { terms: _afterTerms, ...afterFacts } = input;
  await recordChanges(ctx, 'county_society', 1, 'update', { ...beforeFacts, terms: termsText(before.governance.terms) }, { ...afterFacts, terms: termsText(sortedTerms) });
  return toCounty(ctx.db, (await readCountySociety(ctx.db))!);
}
