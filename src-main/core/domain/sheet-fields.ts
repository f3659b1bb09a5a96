// The columns of every roster sheet the ledger reads or writes, by kind. One list serves the
// importer (header aliases → field), the exporter and the templates (canonical header), so a
// sheet the app exports always imports back cleanly.

export const importKinds = ['orgs', 'members', 'youth-members', 'group-members', 'volunteers', 'teams', 'hours'] as const;
export type ImportKind = (typeof importKinds)[number];

export const importKindLabels: Record<ImportKind, string> = {
  orgs: '基层组织',
  members: '个人会员',
  'youth-members': '青少年会员',
  'group-members': '团体会员',
  volunteers: '注册志愿者',
  teams: '志愿服务队',
  hours: '志愿服务时长',
};

export interface SheetField {
  /** Stable key used in code, mappings and remembered layouts. */
  key: string;
  /** The header the app writes in exports and templates. */
  label: string;
  /** Other headers townships use for this column (compared after normalizeHeader). */
  aliases: readonly string[];
  /** A row without it cannot be imported. */
  required?: boolean;
  /** One line for the template's 填写说明 sheet. */
  hint: string;
  /** Written as text so Excel never turns it into a number (ID numbers, phones, codes). */
  text?: boolean;
  /** Written as a real date cell. */
  date?: boolean;
}

const name: SheetField = { key: 'name', label: '姓名', aliases: ['名字', '姓 名', '会员姓名', '志愿者姓名', '学生姓名'], required: true, hint: '必填；名字中间的空格会被去掉。' };
const gender: SheetField = { key: 'gender', label: '性别', aliases: ['男/女'], hint: '男或女；有身份证号码时以号码为准。' };
const idNumber: SheetField = {
  key: 'idNumber',
  label: '身份证号码',
  aliases: ['身份证号', '公民身份号码', '证件号码', '身份证', '身份证件号码', '居民身份证号码', '证件号'],
  hint: '18 位居民身份证号码（15 位旧号码会自动升级）；护照、通行证等请在“证件类型”列注明。请把单元格设为“文本”，否则 Excel 会丢掉末几位。',
  text: true,
};
const idType: SheetField = {
  key: 'idType',
  label: '证件类型',
  aliases: ['证件种类', '身份证件类型', '证件名称'],
  hint: '留空即居民身份证；护照、港澳居民来往内地通行证等证件的号码中没有出生日期，须同时填写出生日期和性别。',
};
const birthDate: SheetField = { key: 'birthDate', label: '出生日期', aliases: ['出生年月', '出生年月日', '生日'], hint: '如 1990-01-02；有身份证号码时以号码为准。', date: true };
const phone: SheetField = { key: 'phone', label: '手机号码', aliases: ['手机', '联系电话', '电话', '联系方式', '手机号', '电话号码', '移动电话', '座机', '固定电话'], hint: '11 位手机号或带区号的座机号。', text: true };
const organization: SheetField = {
  key: 'organization',
  label: '所属基层组织',
  aliases: ['所属组织', '基层组织', '所在单位', '单位', '所属单位', '基层组织名称', '组织名称', '所在组织', '学校', '村（社区）', '村社区'],
  hint: '基层红十字组织的名称，须与台账中的名称一致或可唯一对应；整张表属于同一组织时可留空，导入时选择。',
};
const notes: SheetField = { key: 'notes', label: '备注', aliases: ['说明'], hint: '选填。' };

export const sheetFields: Record<ImportKind, readonly SheetField[]> = {
  orgs: [
    { key: 'name', label: '组织名称', aliases: ['名称', '基层组织名称', '单位名称', '基层组织'], required: true, hint: '必填，如“城关镇红十字会”。' },
    { key: 'type', label: '组织类型', aliases: ['类型', '类别', '组织类别'], hint: '如 街道、乡镇、村、社区、学校、医院、企业；留空时按名称推断。' },
    { key: 'parent', label: '上级组织', aliases: ['所属上级', '上级', '上级单位', '所属乡镇', '所属乡镇（街道）'], hint: '上级基层组织的名称；留空为县红十字会直属。' },
    { key: 'divisionCode', label: '行政区划代码', aliases: ['区划代码', '行政区划', '统计用区划代码'], hint: '选填，12 位统计用区划代码；乡镇（街道）的 9 位代码会补足为 12 位。', text: true },
    { key: 'foundedOn', label: '成立日期', aliases: ['成立时间', '建立时间', '成立年月'], hint: '如 2015-06-01。', date: true },
    { key: 'leaderName', label: '负责人', aliases: ['负责人姓名', '会长', '联系人'], hint: '选填。' },
    { key: 'leaderPhone', label: '负责人电话', aliases: ['联系电话', '负责人手机', '电话'], hint: '选填。', text: true },
    { key: 'status', label: '状态', aliases: ['组织状态', '状态（筹建/已成立）', '成立状态', '建设状态'], hint: '筹建或已成立，留空为已成立；已撤销的组织不能通过导入新建。' },
    notes,
  ],
  members: [
    name,
    gender,
    { ...idNumber, required: true, hint: `必填。${idNumber.hint}` },
    idType,
    birthDate,
    phone,
    organization,
    { key: 'joinedOn', label: '入会时间', aliases: ['入会日期', '入会年月', '加入时间', '入会时间（年月）'], required: true, hint: '如 2020-03-01，也可只写年月 2020.3。', date: true },
    { key: 'kind', label: '会员类型', aliases: ['会员类别', '类别', '类型'], hint: '成人会员或青少年会员；留空时按出生日期判断。' },
    { key: 'guardianName', label: '监护人姓名', aliases: ['监护人', '家长姓名', '家长'], hint: '未满 14 周岁的青少年会员必填。' },
    { key: 'guardianPhone', label: '监护人电话', aliases: ['家长电话', '监护人手机', '家长手机', '家长联系电话', '监护人联系电话'], hint: '未满 14 周岁的青少年会员必填。', text: true },
    { key: 'guardianRelation', label: '与本人关系', aliases: ['监护人关系', '与学生关系', '与会员关系', '监护人与本人关系', '与孩子关系'], hint: '监护人与会员的关系，如 父亲、母亲；未满 14 周岁的会员应填写。' },
    { key: 'guardianConsentOn', label: '监护人同意日期', aliases: ['同意日期', '家长同意日期'], hint: '监护人同意其个人信息登记的日期；未满 14 周岁的会员应填写。', date: true },
    { key: 'guardianConsentMethod', label: '同意方式', aliases: ['监护人同意方式', '家长同意方式'], hint: '如 书面、电子签名；未满 14 周岁的会员应填写。' },
    { key: 'lapsedOn', label: '退会日期', aliases: ['退出日期', '离会日期'], hint: '选填：已退会的会员填退会日期；在册会员留空。', date: true },
    { key: 'lapseReason', label: '退会原因', aliases: ['退出原因', '离会原因'], hint: '选填，与退会日期一起填写。' },
    notes,
  ],
  'youth-members': [],
  'group-members': [
    { key: 'unitName', label: '单位名称', aliases: ['团体会员名称', '单位', '企业名称', '名称'], required: true, hint: '必填，单位全称。' },
    { key: 'uscc', label: '统一社会信用代码', aliases: ['信用代码', '社会信用代码', '组织机构代码', '统一代码'], hint: '18 位代码；旧的 9 位组织机构代码也可。', text: true },
    organization,
    { key: 'contactName', label: '联系人', aliases: ['联系人姓名', '负责人'], hint: '选填。' },
    { key: 'contactPhone', label: '联系电话', aliases: ['电话', '手机', '联系人电话', '手机号码'], hint: '选填。', text: true },
    { key: 'joinedOn', label: '入会时间', aliases: ['入会日期', '入会年月', '加入时间', '加入日期'], required: true, hint: '如 2020-03-01，也可只写年月 2020.3。', date: true },
    { key: 'lapsedOn', label: '退会日期', aliases: ['退出日期'], hint: '选填：已退会的单位填退会日期；在册的留空。', date: true },
    notes,
  ],
  volunteers: [
    name,
    gender,
    { ...idNumber, required: true, hint: `必填。${idNumber.hint}` },
    idType,
    birthDate,
    phone,
    organization,
    { key: 'registeredOn', label: '注册时间', aliases: ['注册日期', '登记时间', '加入时间', '入队时间'], required: true, hint: '如 2021-05-04。', date: true },
    { key: 'serviceFields', label: '服务领域', aliases: ['服务类别', '服务项目', '志愿服务领域', '服务意向', '特长'], hint: '可填多个，用顿号或逗号分隔，如“应急救护、无偿献血”。' },
    { key: 'team', label: '所属服务队', aliases: ['服务队', '志愿服务队', '所在服务队', '队伍'], hint: '服务队名称；台账中没有的队伍可在导入时选择是否新建。' },
    { key: 'nationalSystemNo', label: '全国志愿服务信息系统编号', aliases: ['系统编号', '志愿者编号', '注册编号', '全国系统编号'], hint: '选填。', text: true },
    { key: 'firstAidCertNo', label: '救护员证号', aliases: ['救护员证编号', '救护证号', '救护员证'], hint: '选填。', text: true },
    { key: 'firstAidCertExpiresOn', label: '救护员证有效期至', aliases: ['救护员证有效期', '证书有效期', '有效期至'], hint: '如 2027-06-30。', date: true },
    { key: 'totalHours', label: '累计服务时长', aliases: ['累计服务时长（小时）', '服务时长', '累计时长', '服务时间'], hint: '单位为小时，如 36 或 36.5 小时；不要写天数。' },
    { key: 'leftOn', label: '退出日期', aliases: ['离队日期', '退出时间'], hint: '选填：已退出的志愿者填退出日期；在册志愿者留空。', date: true },
    notes,
  ],
  teams: [
    { key: 'name', label: '服务队名称', aliases: ['队伍名称', '名称', '志愿服务队', '服务队'], required: true, hint: '必填。' },
    { key: 'field', label: '服务领域', aliases: ['服务类别', '领域'], hint: '如 应急救护。' },
    organization,
    { key: 'leaderName', label: '负责人', aliases: ['队长', '负责人姓名'], hint: '须是已登记的志愿者姓名，可留空。' },
    { key: 'foundedOn', label: '成立日期', aliases: ['成立时间', '组建时间'], required: true, hint: '如 2019-09-01。', date: true },
    { key: 'isRegisteredOrg', label: '是否登记注册', aliases: ['是否注册', '登记注册'], hint: '是或否：已在民政部门登记的志愿服务组织填“是”。' },
    { key: 'registrationNo', label: '登记证号', aliases: ['统一社会信用代码', '注册号'], hint: '选填。', text: true },
    { key: 'hasPartyBranch', label: '是否建立党支部', aliases: ['党支部', '是否有党支部'], hint: '是或否。' },
    { key: 'ledByCounty', label: '县红会直属', aliases: ['是否县红会直属', '县级直属', '直属'], hint: '是或否。' },
    { key: 'dissolvedOn', label: '解散日期', aliases: ['撤销日期', '解散时间'], hint: '选填：已解散的服务队填解散日期；在册的留空。', date: true },
    notes,
  ],
  hours: [
    name,
    idNumber,
    { key: 'heldOn', label: '服务日期', aliases: ['活动日期', '日期', '服务时间', '活动时间'], required: true, hint: '如 2025-05-08。', date: true },
    { key: 'title', label: '活动名称', aliases: ['服务内容', '活动内容', '服务项目', '项目名称'], required: true, hint: '必填。' },
    { key: 'category', label: '活动类别', aliases: ['活动类型', '活动分类', '类别'], hint: '选填，须是列表中的一项，如 关爱老人、世界急救日、其他；不在列表中的不填类别，并有提示。' },
    { key: 'hours', label: '服务时长（小时）', aliases: ['服务时长', '时长', '小时数', '服务小时', '工时'], required: true, hint: '单位为小时，如 2 或 2.5；不要写天数。' },
    { key: 'team', label: '服务队', aliases: ['所属服务队', '队伍'], hint: '选填。' },
    { key: 'place', label: '服务地点', aliases: ['地点', '活动地点'], hint: '选填。' },
    notes,
  ],
};

// Youth members are members with the same columns; the kind only presets 会员类型.
sheetFields['youth-members'] = sheetFields.members;

/**
 * Header text compared for mapping: every space (including full-width), line break and
 * punctuation goes, so "姓 名", "身份证号码：" and "手机号码(必填)" compare by their words.
 */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[（(][^）)]*必填[^）)]*[）)]/gu, '')
    .replace(/[\s\p{P}\p{S}]/gu, '')
    .toLowerCase();
}
