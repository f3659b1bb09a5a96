import { Tag } from 'antd';
import type { MemberRow } from '../../../../src-main/core/api/contract';
import { dash } from '../../components/formText';
import { rosterColumnHelper } from '../../components/roster/VirtualRoster';
import { genderText, kindLabels, statusColors, statusLabels } from './labels';

const helper = rosterColumnHelper<MemberRow>();

export const memberColumns = helper.columns([
  helper.accessor('name', { header: '姓名', size: 110 }),
  helper.accessor('kind', { header: '类别', size: 76, cell: (c) => kindLabels[c.getValue()] }),
  helper.accessor('gender', { header: '性别', size: 56, cell: (c) => genderText(c.getValue()) }),
  helper.accessor('idNumber', { header: '证件号码', size: 190, cell: (c) => dash(c.getValue()), meta: { numeric: true } }),
  helper.accessor('phone', { header: '联系电话', size: 130, cell: (c) => dash(c.getValue()), meta: { numeric: true } }),
  helper.accessor('orgName', { header: '所属组织', size: 200, meta: { grow: true, tooltip: true } }),
  helper.accessor('status', { header: '状态', size: 84, cell: (c) => <Tag color={statusColors[c.getValue()]} style={{ marginInlineEnd: 0 }}>{statusLabels[c.getValue()]}</Tag> }),
  helper.accessor('joinedOn', { header: '入会日期', size: 110, meta: { numeric: true } }),
]);
