import { Tag } from 'antd';
import type { GroupRow } from '../../../../src-main/core/api/contract';
import { dash } from '../../components/formText';
import { rosterColumnHelper } from '../../components/roster/VirtualRoster';

const helper = rosterColumnHelper<GroupRow>();

export const groupColumns = helper.columns([
  helper.accessor('unitName', { header: '单位名称', size: 240, meta: { grow: true } }),
  helper.accessor('uscc', {
    header: '统一社会信用代码',
    size: 200,
    meta: { numeric: true },
    cell: (c) => c.getValue() ?? (c.row.original.legacyOrgCode ? `${c.row.original.legacyOrgCode}（旧代码）` : '—'),
  }),
  helper.accessor('orgName', { header: '所属组织', size: 180, cell: (c) => dash(c.getValue()) }),
  helper.accessor('contactName', { header: '联系人', size: 90, cell: (c) => dash(c.getValue()) }),
  helper.accessor('contactPhone', { header: '联系电话', size: 130, meta: { numeric: true }, cell: (c) => dash(c.getValue()) }),
  helper.accessor('status', {
    header: '状态',
    size: 84,
    cell: (c) => <Tag color={c.getValue() === 'active' ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>{c.getValue() === 'active' ? '在册' : '已退会'}</Tag>,
  }),
  helper.accessor('joinedOn', { header: '入会日期', size: 110, meta: { numeric: true } }),
]);
