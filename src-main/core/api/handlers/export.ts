import type { ApiOutput, ParsedInput } from '../contract';
import { query, type ReadContext } from '../handler';
import { fail } from '../../errors';
import { groupSearchText } from '../../db/group-roster';
import { findOrgRow } from '../../db/org';
import { subtreeIds } from '../../db/org-subtree';
import { readServiceFields } from '../../db/volunteer';
import { certWarningLimit } from '../../domain/first-aid-cert';
import { normalizePersonName } from '../../domain/text';
import type { ImportKind } from '../../domain/sheet-fields';
import { newExportPath, registerDownloadFile } from '../../files/transfer';
import { groupRows, hoursRows, memberRows, orgRows, teamRows, volunteerRows, type FieldRow, type Privacy } from '../../export/roster-rows';
import { writeRoster } from '../../export/write-roster';
import { writeTemplate } from '../../export/template';
import { writeDuesReport } from '../../export/dues-report';
import { buildReport } from './dues';

// Exports read the ledger and write a file beside it; nothing in the database changes, so they
// are queries. The file is handed back as a download token (file.read).
export const exportHandlers = {
  'export.roster': query(exportRoster),
  'export.template': query(exportTemplate),
  'export.duesReport': query(exportDuesReport),
};

const fileTitles: Record<ImportKind, string> = {
  members: '个人会员名册',
  'youth-members': '青少年会员名册',
  'group-members': '团体会员名册',
  volunteers: '注册志愿者名册',
  teams: '志愿服务队名册',
  hours: '志愿服务时长',
  orgs: '基层组织名册',
};

type Filter = ParsedInput<'export.roster'>['filter'];

function statusFor<T extends string>(filter: Filter, allowed: readonly T[], kindLabel: string): T | null {
  if (filter.status === undefined) return null;
  if (!(allowed as readonly string[]).includes(filter.status)) fail('INVALID_INPUT', `「状态」${kindLabel}没有“${filter.status}”这种状态。`);
  return filter.status as T;
}

/** The list screens' search box: a name fragment, or the last digits of an ID number or phone. */
function searchTerms(text: string | undefined): { nameFragment: string | null; digitsTail: string | null } {
  const search = text ? normalizePersonName(text) : '';
  const digits = /^[0-9Xx]{3,18}$/.test(search);
  return { nameFragment: search && !digits ? search : null, digitsTail: digits ? search.toUpperCase() : null };
}

async function pagesFor(ctx: ReadContext, kind: ImportKind, filter: Filter, privacy: Privacy): Promise<Iterable<Iterable<FieldRow>>> {
  if (filter.orgId !== undefined && !(await findOrgRow(ctx.db, filter.orgId))) fail('NOT_FOUND', `「所属组织」编号 ${filter.orgId} 不存在。`);
  const orgIds = filter.orgId === undefined ? null : subtreeIds(ctx.sqlite, filter.orgId);
  switch (kind) {
    case 'members':
    case 'youth-members': {
      if (kind === 'youth-members' && filter.kind === 'adult') fail('INVALID_INPUT', '「会员类别」青少年会员名册不能只导出成人会员。');
      return memberRows(
        ctx.sqlite,
        {
          orgIds,
          status: statusFor(filter, ['active', 'lapsed'] as const, '会员'),
          kind: kind === 'youth-members' ? 'youth' : (filter.kind ?? null),
          joinedYear: filter.joinedYear ?? null,
          ...searchTerms(filter.search),
        },
        privacy,
      );
    }
    case 'volunteers': {
      let fieldId: number | null = null;
      if (filter.field !== undefined) {
        const known = await readServiceFields(ctx.db);
        const field = known.find((f) => f.name === filter.field);
        if (!field) fail('INVALID_INPUT', `「服务领域」“${filter.field}”不在标准列表中（${known.map((f) => f.name).join('、')}）。`);
        fieldId = field.id;
      }
      const { nameFragment, digitsTail } = searchTerms(filter.search);
      return volunteerRows(
        ctx.sqlite,
        {
          orgIds,
          status: statusFor(filter, ['active', 'left'] as const, '志愿者'),
          fieldId,
          teamId: filter.teamId ?? null,
          cert: filter.cert ? { kind: filter.cert, today: ctx.today, expiringBy: certWarningLimit(ctx.today) } : null,
          search: nameFragment ? { nameFragment } : digitsTail ? { digitsTail } : null,
        },
        privacy,
      );
    }
    case 'group-members': {
      return groupRows(ctx.sqlite, { orgIds, status: statusFor(filter, ['active', 'lapsed'] as const, '团体会员'), search: groupSearchText(filter.search) }, privacy);
    }
    case 'hours':
      return hoursRows(
        ctx.sqlite,
        { teamId: filter.teamId ?? null, orgIds, volunteerId: filter.volunteerId ?? null, from: filter.from ?? null, to: filter.to ?? null },
        privacy,
      );
    case 'teams':
      return [await teamRows(ctx.db, { orgIds, ledByCounty: filter.ledByCounty, includeDissolved: filter.includeDissolved ?? true })];
    case 'orgs':
      return [await orgRows(ctx.db, { includeRetired: filter.includeRetired ?? true, orgIds }, privacy)];
  }
}

async function exportRoster(ctx: ReadContext, input: ParsedInput<'export.roster'>): Promise<ApiOutput<'export.roster'>> {
  const pages = await pagesFor(ctx, input.kind, input.filter, { full: input.fullId });
  const file = newExportPath(ctx.dbFile, input.format, ctx.now.getTime());
  const rows = await writeRoster(file, input.format, input.kind, pages);
  const name = `${fileTitles[input.kind]}${input.fullId ? '-含完整身份证号' : ''}-${ctx.today}.${input.format}`;
  return { ...registerDownloadFile(ctx.dbFile, file, name), rows };
}

async function exportTemplate(ctx: ReadContext, input: ParsedInput<'export.template'>): Promise<ApiOutput<'export.template'>> {
  const file = newExportPath(ctx.dbFile, 'xlsx', ctx.now.getTime());
  await writeTemplate(file, input.kind);
  return registerDownloadFile(ctx.dbFile, file, `${fileTitles[input.kind].replace(/名册$/, '')}导入模板.xlsx`);
}

async function exportDuesReport(ctx: ReadContext, input: ParsedInput<'export.duesReport'>): Promise<ApiOutput<'export.duesReport'>> {
  const report = await buildReport(ctx, input);
  const file = newExportPath(ctx.dbFile, 'xlsx', ctx.now.getTime());
  const rows = await writeDuesReport(file, report);
  const scope = input.orgId === undefined ? (ctx.county?.name ?? '全县') : ((await findOrgRow(ctx.db, input.orgId))?.name ?? '');
  return { ...registerDownloadFile(ctx.dbFile, file, `${scope}-${input.year}年会费统计.xlsx`), rows };
}
