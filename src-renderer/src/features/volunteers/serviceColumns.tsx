import type { ServiceSummary } from '../../../../src-main/core/api/contract';
import { dash } from '../../components/formText';
import { rosterColumnHelper } from '../../components/roster/VirtualRoster';
import { belongsTo } from './labels';

const helper = rosterColumnHelper<ServiceSummary>();

export const serviceColumns = helper.columns([
  helper.accessor('heldOn', { header: '日期', size: 110, meta: { numeric: true } }),
  helper.accessor('title', { header: '活动名称', size: 220, meta: { grow: true, tooltip: true } }),
  helper.accessor('category', { header: '类别', size: 170, cell: (c) => dash(c.getValue()) }),
  helper.accessor('teamName', { header: '服务队', size: 200, cell: (c) => dash(c.getValue()) }),
  helper.accessor((r) => belongsTo(r.orgName), { id: 'orgName', header: '所属', size: 180 }),
  helper.accessor('volunteerCount', { header: '人数', size: 64, meta: { numeric: true } }),
  helper.accessor('hours', { header: '时长（小时）', size: 104, meta: { numeric: true } }),
  helper.accessor('people', { header: '受益人数', size: 84, cell: (c) => c.getValue() ?? '—', meta: { numeric: true } }),
]);
