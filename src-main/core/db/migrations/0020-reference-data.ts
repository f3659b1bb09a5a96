import { sql, type Kysely } from 'kysely';

// Reference lists from DOMAIN.md and the seeds, stored as rows so a county can extend them.
// A row a county already added under the same name keeps its id and sort order, but takes the
// school/community flags the statistics depend on; other lists keep existing rows as they are.
const organizationTypes: Array<[name: string, isSchool: 0 | 1, isCommunity: 0 | 1]> = [
  ['乡镇', 0, 0],
  ['街道', 0, 0],
  ['社区', 0, 1],
  ['村', 0, 0],
  ['中小学', 1, 0],
  ['高校', 1, 0],
  ['职业学校', 1, 0],
  ['医疗卫生机构', 0, 0],
  ['企业', 0, 0],
  ['事业单位', 0, 0],
  ['机关', 0, 0],
  ['行业联合', 0, 0],
];

const serviceFields = [
  '应急救援', '应急救护', '人道救助', '无偿献血', '造血干细胞捐献',
  '人体器官（遗体、组织）捐献', '社区服务', '养老服务', '红十字文化传播',
];

const activityCategories = [
  '关爱生命安全', '关爱老人', '关爱留守儿童和儿童健康成长', '关爱青少年健康成长', '关爱帮助困难弱势群体',
  '博爱送万家', '世界红十字日', '世界献血者日', '世界急救日', '国际志愿者日', '其他',
];

const targets: Array<[code: string, label: string, comparator: '>=' | '>', threshold: number, unit: string, dueYear: number | null, source: string]> = [
  ['community_team_coverage', '建有红十字志愿服务队的社区占比', '>=', 30, '%', 2024, '吉林省“博爱家园”社区行动（种子文件 000）'],
  ['community_goal_rate', '达到活动目标的社区占比', '>', 50, '%', 2024, '种子文件 000'],
  ['county_direct_teams', '县级红十字会直属志愿服务队数', '>=', 3, '个', null, '种子文件 003、004 第14项'],
  ['teams_per_organization', '每个基层组织的志愿服务队数', '>=', 1, '个', null, '种子文件 003'],
  ['volunteer_population_rate', '注册志愿者占常住人口比例', '>=', 5, '‰', null, '种子文件 003'],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [i, [name, isSchool, isCommunity]] of organizationTypes.entries()) {
    await sql`INSERT INTO organization_type (name, sort_order, is_school, is_community) VALUES (${name}, ${(i + 1) * 10}, ${isSchool}, ${isCommunity})
      ON CONFLICT (name) DO UPDATE SET is_school = excluded.is_school, is_community = excluded.is_community`.execute(db);
  }
  for (const [i, name] of serviceFields.entries()) {
    await sql`INSERT OR IGNORE INTO service_field (name, sort_order) VALUES (${name}, ${(i + 1) * 10})`.execute(db);
  }
  for (const [i, name] of activityCategories.entries()) {
    await sql`INSERT OR IGNORE INTO activity_category (name, sort_order) VALUES (${name}, ${(i + 1) * 10})`.execute(db);
  }
  for (const [code, label, comparator, threshold, unit, dueYear, source] of targets) {
    await sql`INSERT OR IGNORE INTO target (code, label, comparator, threshold, unit, due_year, source) VALUES (${code}, ${label}, ${comparator}, ${threshold}, ${unit}, ${dueYear}, ${source})`.execute(db);
  }
}
