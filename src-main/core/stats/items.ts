// The 14 items of 附件1 组织体系建设工作情况调查表 and 附件2 组织体系建设年工作成效统计表 (seed 004),
// with their names exactly as the seed prints them and the written definition (指标说明) the
// clerk sees beside each figure. Free of Node imports: the renderer shows the same text.

export type ItemNo = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14;
export type Unit = '个' | '人' | '小时';

export interface ItemDefinition {
  item: ItemNo;
  name1: string;
  name2: string;
  unit: Unit;
  /** 指标说明 of the 附件1 figure. */
  definition1: string;
  /** 指标说明 of the 附件2 figure. */
  definition2: string;
}

export const itemNumbers: readonly ItemNo[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];

export const table1Title = '组织体系建设工作情况调查表';
export const table2Title = '组织体系建设年工作成效统计表';

const minus = '本年度数值减去基准年度（默认 2020 年）年末的同口径数值，可为负数。';
const cityLevel = '市级红十字会填报的项目，县级红十字会填 0。';

export const items: readonly ItemDefinition[] = [
  {
    item: 1,
    name1: '县级红十字会理顺管理体制数',
    name2: '县级红十字会理顺管理体制增加数',
    unit: '个',
    definition1: '本会在统计截止日（年末，本年度为今天）已理顺管理体制记 1，否则记 0。依据“县级红十字会（本级）”中登记的“理顺管理体制”及其日期；已理顺但未填日期的，视为早已理顺（校验中提示补填）。',
    definition2: `${minus}`,
  },
  { item: 2, name1: '市级红十字会应换届数', name2: '市级红十字会完成换届增加数', unit: '个', definition1: cityLevel, definition2: cityLevel },
  {
    item: 3,
    name1: '县级红十字会应换届个数',
    name2: '县级红十字会完成换届增加数',
    unit: '个',
    definition1:
      '本会在统计年度内应当换届的记 1，否则记 0：本届理事会的届满（应换届）日期落在当年 1 月 1 日至截止日之间，或在当年 1 月 1 日前已届满而尚未换届，即为应换届；当年已完成换届的仍计入（完成情况见附件2第 3 项）。依据“县级红十字会（本级）”中登记的各届理事会届期。',
    definition2: '完成换届数：基准年度年末之后至统计截止日之间开始的新一届理事会的届数（每次按期或延期完成的换届各计 1）。不是两年数值相减。',
  },
  { item: 4, name1: '市级红十字会已设立党组数', name2: '市级红十字会设立党组增加数', unit: '个', definition1: cityLevel, definition2: cityLevel },
  {
    item: 5,
    name1: '县级红十字会已设立党组数',
    name2: '县级红十字会设立党组增加数',
    unit: '个',
    definition1: '本会在统计截止日已设立党组记 1，否则记 0。依据本级登记的“设立党组”及其日期；未填日期的视为早已设立（校验中提示补填）。',
    definition2: minus,
  },
  { item: 6, name1: '市级红十字会已设立监事会数', name2: '市级红十字会设立监事会增加数', unit: '个', definition1: cityLevel, definition2: cityLevel },
  {
    item: 7,
    name1: '县级红十字会已设立监事会数',
    name2: '县级红十字会设立监事会增加数',
    unit: '个',
    definition1: '本会在统计截止日已设立监事会记 1，否则记 0。依据本级登记的“设立监事会”及其日期；未填日期的视为早已设立（校验中提示补填）。',
    definition2: minus,
  },
  {
    item: 8,
    name1: '红十字会基层组织数',
    name2: '红十字会基层组织增加数',
    unit: '个',
    definition1:
      '统计截止日“已成立”的基层组织个数：不含筹建中的，不含截止日及之前已撤销的；成立日期晚于截止日的不计。未填成立日期的视为早已成立（校验中列出）。',
    definition2: minus,
  },
  {
    item: 9,
    name1: '红十字会团体会员数',
    name2: '红十字会团体会员增加数',
    unit: '个',
    definition1: '统计截止日在册的团体会员个数：入会日期不晚于截止日，且截止日时未退会（退会日期晚于截止日的仍计入）。',
    definition2: minus,
  },
  {
    item: 10,
    name1: '红十字会成人会员数',
    name2: '红十字会成人会员增加数',
    unit: '人',
    definition1: '统计截止日在册的成人会员人数：入会日期不晚于截止日、截止日时未退会，且截止日时的会员类别为成人（截止日之后才由青少年转为成人的，按青少年计）。',
    definition2: minus,
  },
  {
    item: 11,
    name1: '红十字会青少年会员数',
    name2: '红十字会青少年会员增加数',
    unit: '人',
    definition1: '统计截止日在册的青少年会员人数：口径同成人会员，按截止日时的会员类别计（截止日及之前已转为成人的不计入）。',
    definition2: minus,
  },
  {
    item: 12,
    name1: '红十字会注册志愿者数',
    name2: '红十字会注册志愿者增加数',
    unit: '人',
    definition1: '统计截止日在册的注册志愿者人数：注册日期不晚于截止日，且截止日时未退出（退出日期晚于截止日的仍计入）。',
    definition2: minus,
  },
  {
    item: 13,
    name1: '红十字会志愿服务组织数',
    name2: '红十字会志愿服务组织增加数',
    unit: '个',
    definition1:
      '统计截止日存续的志愿服务队伍个数：成立日期不晚于截止日、截止日时未解散。已依法登记的“志愿服务组织”和未登记的“志愿服务队”都计入，两者各多少见本项的分项说明。',
    definition2: minus,
  },
  {
    item: 14,
    name1: '红十字会志愿服务总时长',
    name2: '红十字会志愿服务总时长增加数',
    unit: '小时',
    definition1:
      '活动日期在本年度内（1 月 1 日至统计截止日）的志愿服务记录中，每位志愿者登记的服务时长之和。按分钟累加后除以 60，四舍五入保留两位小数。',
    definition2: '本年度的服务总时长减去基准年度全年的服务总时长，可为负数。',
  },
];

export function itemDefinition(item: number): ItemDefinition {
  const found = items.find((d) => d.item === item);
  if (!found) throw new Error(`no annual-table item ${item}`);
  return found;
}

/** Items 2, 4, 6 are the city's own rows: a county always reports 0 there. */
export const cityLevelItems: readonly ItemNo[] = [2, 4, 6];
/** Items counted in hours rather than records; all others count records. */
export const hourItems: readonly ItemNo[] = [14];
