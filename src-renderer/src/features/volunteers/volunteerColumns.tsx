import { Tag } from 'antd';
import type { VolunteerRow } from '../../../../src-main/core/api/contract';
import { dash } from '../../components/formText';
import { rosterColumnHelper } from '../../components/roster/VirtualRoster';
import { belongsTo, genderText, stars, volunteerStatusColors, volunteerStatusLabels } from './labels';

const helper = rosterColumnHelper<VolunteerRow>();

export const volunteerColumns = helper.columns([
  helper.accessor('name', { header: '姓名', size: 110 }),
  helper.accessor('gender', { header: '性别', size: 56, cell: (c) => genderText(c.getValue()) }),
  helper.accessor('idNumber', { header: '证件号码', size: 190, cell: (c) => dash(c.getValue()), meta: { numeric: true } }),
  helper.accessor('phone', { header: '联系电话', size: 130, cell: (c) => dash(c.getValue()), meta: { numeric: true } }),
  // Accessed through belongsTo so the hover text reads as the cell does.
  helper.accessor((r) => belongsTo(r.orgName), { id: 'orgName', header: '所属组织', size: 200, meta: { grow: true, tooltip: true } }),
  helper.accessor('hours', { header: '累计时长', size: 96, cell: (c) => `${c.getValue()} 小时`, meta: { numeric: true } }),
  helper.accessor('starLevel', { header: '星级', size: 96, cell: (c) => stars(c.getValue()) }),
  helper.accessor('status', { header: '状态', size: 84, cell: (c) => <Tag color={volunteerStatusColors[c.getValue()]} style={{ marginInlineEnd: 0 }}>{volunteerStatusLabels[c.getValue()]}</Tag> }),
  helper.accessor('registeredOn', { header: '注册日期', size: 110, meta: { numeric: true } }),
]);
