import type BetterSqlite3 from 'better-sqlite3';
import { memberActiveAt, memberKindAt, organizationEstablishedAt } from '../db/active-at';
import { maskIdNumber } from '../domain/id-number';
import { asOfFor, computeTables } from './compute';
import { itemDefinition, itemNumbers } from './items';

// The checks run before a year's tables are final; the same rules the city applies when it adds
// up its counties. Errors block finalising until fixed or explained; warnings only ask for a word.

export interface IssueRecord {
  entity: string;
  id: number;
  name: string;
  detail: string;
}

export interface Issue {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  count: number;
  records: IssueRecord[];
}

const shown = 200;
/** 8 hours a day, every day of the year: above that a volunteer's year total is implausible. */
export const yearHoursBound = 8 * 365;

type Row = Record<string, unknown>;

export function validateYear(sqlite: BetterSqlite3.Database, year: number, baselineYear: number, today: string, governanceMissing: string[]): Issue[] {
  const { asOf } = asOfFor(year, today);
  const from = `${year}-01-01`;
  const issues: Issue[] = [];
  const check = (code: string, severity: Issue['severity'], message: (n: number) => string, countSql: string, listSql: string, toRecord: (r: Row) => IssueRecord) => {
    const count = sqlite.prepare(countSql).pluck().get({ asOf, from }) as number;
    if (count === 0) return;
    const records = (sqlite.prepare(`${listSql} LIMIT ${shown}`).all({ asOf, from }) as Row[]).map(toRecord);
    issues.push({ code, severity, message: message(count), count, records });
  };
  const person = (r: Row, detail: string): IssueRecord => ({
    entity: r.entity as string,
    id: r.id as number,
    name: `${r.name as string}${r.id_number ? `（${maskIdNumber(r.id_number as string)}）` : ''}`,
    detail,
  });

  const youthWhere = `FROM member m JOIN person p ON p.id = m.person_id JOIN organization o ON o.id = m.organization_id LEFT JOIN organization_type ot ON ot.id = o.type_id
    WHERE ${memberActiveAt('m')} AND ${memberKindAt('m')} = 'youth' AND ifnull(ot.is_school, 0) = 0`;
  check(
    'YOUTH_NON_SCHOOL',
    'warning',
    (n) => `${n} 名青少年会员所在组织不是学校类型（中小学、高校、职业学校）。请核对会员类别或所属组织，确属校外青少年的请说明。`,
    `SELECT count(*) ${youthWhere}`,
    `SELECT 'member' AS entity, m.id, p.name, p.id_number, o.name AS org ${youthWhere} ORDER BY m.id`,
    (r) => person(r, `所属组织：${r.org as string}`),
  );

  const dayWhere = `FROM service_hours h JOIN service_record r ON r.id = h.service_record_id WHERE r.held_on >= :from AND r.held_on <= :asOf GROUP BY h.volunteer_id, r.held_on HAVING sum(h.minutes) > 1440`;
  check(
    'HOURS_OVER_24_A_DAY',
    'error',
    (n) => `${n} 处志愿者单日服务时长超过 24 小时，不可能成立。请在“志愿服务记录”中更正时长。`,
    `SELECT count(*) FROM (SELECT 1 ${dayWhere})`,
    `SELECT 'volunteer' AS entity, x.volunteer_id AS id, p.name, p.id_number, x.held_on, x.minutes FROM (SELECT h.volunteer_id, r.held_on, sum(h.minutes) AS minutes ${dayWhere}) x
     JOIN volunteer v ON v.id = x.volunteer_id JOIN person p ON p.id = v.person_id ORDER BY x.held_on, x.volunteer_id`,
    (r) => person(r, `${r.held_on as string} 共 ${Math.round(((r.minutes as number) / 60) * 100) / 100} 小时`),
  );

  const yearWhere = `FROM service_hours h JOIN service_record r ON r.id = h.service_record_id WHERE r.held_on >= :from AND r.held_on <= :asOf GROUP BY h.volunteer_id HAVING sum(h.minutes) > ${yearHoursBound * 60}`;
  check(
    'HOURS_YEAR_IMPLAUSIBLE',
    'warning',
    (n) => `${n} 名志愿者本年度服务时长超过 ${yearHoursBound} 小时（相当于全年每天 8 小时），请核对是否重复登记。`,
    `SELECT count(*) FROM (SELECT 1 ${yearWhere})`,
    `SELECT 'volunteer' AS entity, x.volunteer_id AS id, p.name, p.id_number, x.minutes FROM (SELECT h.volunteer_id, sum(h.minutes) AS minutes ${yearWhere}) x
     JOIN volunteer v ON v.id = x.volunteer_id JOIN person p ON p.id = v.person_id ORDER BY x.minutes DESC`,
    (r) => person(r, `本年度共 ${Math.round(((r.minutes as number) / 60) * 100) / 100} 小时`),
  );

  const noTypeWhere = `FROM organization o WHERE o.type_id IS NULL AND ${organizationEstablishedAt('o')}`;
  check(
    'ORG_WITHOUT_TYPE',
    'error',
    (n) => `${n} 个已成立的基层组织未填写“组织类型”，上级无法按类型汇总。请在“基层组织”中补填。`,
    `SELECT count(*) ${noTypeWhere}`,
    `SELECT 'organization' AS entity, o.id, o.name ${noTypeWhere} ORDER BY o.id`,
    (r) => ({ entity: 'organization', id: r.id as number, name: r.name as string, detail: '未填组织类型' }),
  );

  const retiredOrgWhere = `FROM member m JOIN person p ON p.id = m.person_id JOIN organization o ON o.id = m.organization_id
    WHERE ${memberActiveAt('m')} AND NOT ${organizationEstablishedAt('o')}`;
  check(
    'MEMBER_WITHOUT_ORG',
    'warning',
    (n) => `${n} 名在册会员所属组织在统计截止日未成立或已撤销（会员必须属于一个组织）。请把会员转到现有组织，或核对组织的成立、撤销日期。`,
    `SELECT count(*) ${retiredOrgWhere}`,
    `SELECT 'member' AS entity, m.id, p.name, p.id_number, o.name AS org, o.status ${retiredOrgWhere} ORDER BY m.id`,
    (r) => person(r, `所属组织：${r.org as string}（${r.status === 'preparing' ? '筹建中' : r.status === 'retired' ? '已撤销' : '截止日尚未成立'}）`),
  );

  const endedParts = [
    `SELECT 'member' AS entity, m.id, p.name, p.id_number, '会员状态为已退会，未填退会日期' AS detail FROM member m JOIN person p ON p.id = m.person_id WHERE m.status = 'lapsed' AND m.lapsed_on IS NULL`,
    `SELECT 'volunteer', v.id, p.name, p.id_number, '志愿者状态为已退出，未填退出日期' FROM volunteer v JOIN person p ON p.id = v.person_id WHERE v.status = 'left' AND v.left_on IS NULL`,
    `SELECT 'group_member', g.id, g.unit_name, NULL, '团体会员状态为已退会，未填退会日期' FROM group_member g WHERE g.status = 'lapsed' AND g.lapsed_on IS NULL`,
    `SELECT 'volunteer_team', t.id, t.name, NULL, '队伍状态为已解散，未填解散日期' FROM volunteer_team t WHERE t.status = 'dissolved' AND t.dissolved_on IS NULL`,
    `SELECT 'organization', o.id, o.name, NULL, '组织状态为已撤销，未填撤销日期' FROM organization o WHERE o.status = 'retired' AND o.retired_on IS NULL`,
  ].join(' UNION ALL ');
  check(
    'ENDED_WITHOUT_DATE',
    'error',
    (n) => `${n} 条记录状态为已结束（退会、退出、解散、撤销），但没有结束日期，无法判断年末是否在册，目前一律不计入。请补填日期。`,
    `SELECT count(*) FROM (${endedParts})`,
    `SELECT * FROM (${endedParts})`,
    (r) => person(r, r.detail as string),
  );

  const noFoundingWhere = `FROM organization o WHERE o.founded_on IS NULL AND ${organizationEstablishedAt('o')}`;
  check(
    'ORG_WITHOUT_FOUNDING_DATE',
    'warning',
    (n) => `${n} 个已成立的基层组织未填写“成立日期”，按早已成立计入。请补填，以免计入不该计的年度。`,
    `SELECT count(*) ${noFoundingWhere}`,
    `SELECT 'organization' AS entity, o.id, o.name ${noFoundingWhere} ORDER BY o.id`,
    (r) => ({ entity: 'organization', id: r.id as number, name: r.name as string, detail: '未填成立日期' }),
  );

  if (governanceMissing.length > 0) {
    issues.push({
      code: 'GOVERNANCE_MISSING',
      severity: 'error',
      message: `本级治理情况缺少：${governanceMissing.join('、')}。第 1、3、5、7 项据此计算，请在“设置 → 本级治理情况”中补填。`,
      count: governanceMissing.length,
      records: governanceMissing.map((m, i) => ({ entity: 'county_society', id: i + 1, name: '县级红十字会（本级）', detail: `缺少${m}` })),
    });
  }

  if (year - 1 >= 2000) {
    const now = computeTables(sqlite, { year, baselineYear, today });
    const last = computeTables(sqlite, { year: year - 1, baselineYear, today });
    for (const item of itemNumbers) {
      const a = now.table1.values[item];
      const b = last.table1.values[item];
      if (a < b) {
        const d = itemDefinition(item);
        issues.push({
          code: `LOWER_THAN_LAST_YEAR_${item}`,
          severity: 'warning',
          message: `第 ${item} 项“${d.name1}”${year} 年为 ${a}${d.unit}，低于 ${year - 1} 年的 ${b}${d.unit}。上级会询问原因，请说明。`,
          count: 1,
          records: [{ entity: 'item', id: item, name: d.name1, detail: `${year - 1} 年 ${b}，${year} 年 ${a}` }],
        });
      }
    }
  }
  return issues;
}
