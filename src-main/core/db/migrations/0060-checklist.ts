import { sql, type Kysely } from 'kysely';

// Standards as data: the three builtin templates (五有, a draft 双三一, 博爱家园) inserted as rows,
// each a default the county must confirm, plus covering indexes that let the checklist count
// every organisation's members and volunteers as of a date in one pass over an index.
// Rules are written out as JSON here (migrations import no app code); the vocabulary is
// core/checklist/rules.ts. Frozen: never edit after release; add a new numbered migration instead.

const indexes = [
  `CREATE INDEX member_org_standing ON member (organization_id, joined_on, status, lapsed_on, kind, converted_to_adult_on)`,
  `CREATE INDEX volunteer_org_standing ON volunteer (organization_id, registered_on, status, left_on)`,
  `CREATE INDEX checklist_status_item ON checklist_status (item_id, checked_on)`,
];

interface BuiltinItem {
  title: string;
  description: string;
  rule: object | null;
  appliesTo: string[];
}

const allTypes = ['乡镇', '街道', '社区', '村', '中小学', '高校', '职业学校', '医疗卫生机构', '企业', '事业单位', '机关', '行业联合'];
const communityLevel = ['乡镇', '街道', '社区', '村'];

const templates: Array<{ code: string; name: string; issuer: string; items: BuiltinItem[] }> = [
  {
    code: '五有',
    name: '基层红十字组织“五有”标准',
    issuer: '种子文件 004 第5项（默认模板，待县红十字会确认）',
    items: [
      { title: '有热心红十字事业的带头人', description: '台账中登记了会长/带头人。', rule: { kind: 'hasLeader' }, appliesTo: allTypes },
      {
        title: '有稳定的会员和志愿者队伍',
        description: '检查日期在册会员不少于 10 人，且注册志愿者不少于 5 人。',
        rule: { kind: 'all', rules: [{ kind: 'minMembers', n: 10 }, { kind: 'minVolunteers', n: 5 }] },
        appliesTo: allTypes,
      },
      { title: '有规范的管理制度', description: '有工作制度、会议记录和台账，由经办人核查并上传扫描件或照片。', rule: null, appliesTo: allTypes },
      { title: '有稳固的服务平台', description: '台账中登记了服务站点（阵地）。', rule: { kind: 'hasServiceSite' }, appliesTo: allTypes },
      { title: '有红十字特色的活动', description: '检查日期所在年度开展志愿服务活动不少于 2 次。', rule: { kind: 'minActivitiesInYear', n: 2 }, appliesTo: allTypes },
    ],
  },
  {
    code: '双三一',
    name: '“双三一”建设模式（草案，待省红十字会正式定义替换）',
    issuer: '草案：种子文件只列名称未列条目，本模板仅供参考，须以省红十字会正式定义替换',
    items: [
      { title: '有一名带头人', description: '台账中登记了会长/带头人。', rule: { kind: 'hasLeader' }, appliesTo: communityLevel },
      { title: '有一处服务站点', description: '台账中登记了服务站点（阵地）。', rule: { kind: 'hasServiceSite' }, appliesTo: communityLevel },
      { title: '有一支志愿服务队', description: '检查日期有在册的志愿服务队。', rule: { kind: 'minTeams', n: 1 }, appliesTo: communityLevel },
      { title: '按期换届', description: '本届任期未到期。', rule: { kind: 'termNotExpired' }, appliesTo: communityLevel },
      { title: '年内开展三次以上活动', description: '检查日期所在年度开展志愿服务活动不少于 3 次。', rule: { kind: 'minActivitiesInYear', n: 3 }, appliesTo: communityLevel },
      { title: '有一套工作制度', description: '由经办人核查工作制度并上传扫描件或照片。', rule: null, appliesTo: communityLevel },
    ],
  },
  {
    code: '博爱家园',
    name: '博爱家园建设',
    issuer: 'DOMAIN.md：博爱家园（社区/村示范点），默认模板，待县红十字会确认',
    items: [
      { title: '已启动博爱家园建设', description: '博爱家园状态为“在建”、“已建成”或“示范点”。', rule: { kind: 'bojiaStatusAtLeast', level: 'building' }, appliesTo: ['社区', '村'] },
      { title: '博爱家园已建成', description: '博爱家园状态为“已建成”或“示范点”。', rule: { kind: 'bojiaStatusAtLeast', level: 'built' }, appliesTo: ['社区', '村'] },
      { title: '有服务站点', description: '台账中登记了服务站点（阵地）。', rule: { kind: 'hasServiceSite' }, appliesTo: ['社区', '村'] },
      { title: '有志愿服务队', description: '检查日期有在册的志愿服务队。', rule: { kind: 'minTeams', n: 1 }, appliesTo: ['社区', '村'] },
      { title: '年内开展活动不少于 4 次', description: '检查日期所在年度开展志愿服务活动不少于 4 次。', rule: { kind: 'minActivitiesInYear', n: 4 }, appliesTo: ['社区', '村'] },
      { title: '有应急救护培训和防灾减灾宣传记录', description: '由经办人核查培训签到表、照片等并上传。', rule: null, appliesTo: ['社区', '村'] },
    ],
  },
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of indexes) await sql.raw(statement).execute(db);
  // An undated version would be in force on every past date. From here on only the builtins
  // (NULL: in force from the start until a later version takes effect) are undated; a county's
  // own earlier version takes effect from the day it was made.
  await sql`UPDATE checklist_template SET effective_on = substr(created_at, 1, 10) WHERE effective_on IS NULL AND origin <> 'builtin'`.execute(db);
  const createdAt = new Date().toISOString();
  for (const t of templates) {
    const existing = await sql<{ id: number }>`SELECT id FROM checklist_template WHERE code = ${t.code} AND version = '1'`.execute(db);
    if (existing.rows.length > 0) continue;
    const inserted = await sql<{ id: number }>`INSERT INTO checklist_template (code, name, issuer, version, effective_on, is_draft_default, origin, confirmed_on, created_at)
      VALUES (${t.code}, ${t.name}, ${t.issuer}, '1', NULL, 1, 'builtin', NULL, ${createdAt}) RETURNING id`.execute(db);
    const templateId = inserted.rows[0]!.id;
    for (const [i, item] of t.items.entries()) {
      const mode = item.rule ? 'auto' : 'manual';
      const ruleJson = item.rule ? JSON.stringify(item.rule) : null;
      const row = await sql<{ id: number }>`INSERT INTO checklist_item (template_id, seq, title, description, mode, rule_json)
        VALUES (${templateId}, ${i + 1}, ${item.title}, ${item.description}, ${mode}, ${ruleJson}) RETURNING id`.execute(db);
      const itemId = row.rows[0]!.id;
      for (const typeName of item.appliesTo) {
        await sql`INSERT INTO checklist_item_type (item_id, type_id) SELECT ${itemId}, id FROM organization_type WHERE name = ${typeName}`.execute(db);
      }
    }
  }
}
