import type { BojiaStatus, OrgStatus } from '../db/schema';
import { volunteerInputFieldLabels } from './volunteer-labels';

export const orgStatusLabels: Record<OrgStatus, string> = { preparing: '筹建', active: '已成立', retired: '撤销' };

export const bojiaStatusLabels: Record<BojiaStatus, string> = {
  none: '未建',
  building: '在建',
  built: '已建成',
  demonstration: '示范点',
};

export const actionLabels: Record<string, string> = {
  create: '新增',
  update: '修改',
  move: '移动',
  retire: '撤销',
  restore: '恢复',
  lapse: '退会',
  transfer: '转移',
  convert: '转为成人会员',
  reveal: '查看完整号码',
};

export const memberFieldLabels: Record<string, string> = {
  name: '姓名',
  kind: '会员类别',
  idNumber: '证件号码',
  gender: '性别',
  birthDate: '出生日期',
  phone: '联系电话',
  org: '所属组织',
  status: '状态',
  joinedOn: '入会日期',
  lapsedOn: '退会日期',
  lapseReason: '退会原因',
  guardianName: '监护人',
  guardianPhone: '监护人电话',
  notes: '备注',
};

export const orgFieldLabels: Record<string, string> = {
  name: '名称',
  type: '类型',
  parent: '上级组织',
  divisionCode: '统计用区划代码',
  foundedOn: '成立日期',
  leaderName: '会长/带头人',
  leaderPhone: '联系电话',
  termStartedOn: '本届开始日期',
  termEndsOn: '本届届满日期',
  status: '状态',
  retiredOn: '撤销日期',
  retireReason: '撤销原因',
  bojiaStatus: '博爱家园',
  redCrossNamed: '冠名红十字医疗机构',
  serviceSite: '服务阵地',
  notes: '备注',
};

/** Labels for input fields named in validation messages. */
export const inputFieldLabels: Record<string, string> = {
  ...orgFieldLabels,
  ...volunteerInputFieldLabels,
  divisionCode: '区划代码',
  parentId: '上级组织',
  id: '编号',
  query: '查找内容',
  clerkName: '经办人姓名',
  code: '行政区划代码',
  startedOn: '换届日期',
  dueOn: '应换届日期',
  mgmtRationalized: '理顺管理体制',
  mgmtRationalizedOn: '理顺管理体制日期',
  partyGroupEstablished: '设立党组',
  partyGroupEstablishedOn: '设立党组日期',
  supervisoryBoardEstablished: '设立监事会',
  supervisoryBoardEstablishedOn: '设立监事会日期',
  terms: '届期',
  retiredOn: '撤销日期',
  reason: '撤销原因',
  changes: '修改内容',
  orgId: '所属组织',
  idNumber: '证件号码',
  idType: '证件类型',
  kind: '会员类别',
  gender: '性别',
  birthDate: '出生日期',
  phone: '联系电话',
  joinedOn: '入会日期',
  lapsedOn: '退会日期',
  guardianName: '监护人姓名',
  guardianRelation: '与本人关系',
  guardianPhone: '监护人电话',
  guardianConsentOn: '监护人同意日期',
  guardianConsentMethod: '同意方式',
};
