import { Button, Tag } from 'antd';
import type { Team } from '../../../../src-main/core/api/contract';
import { dash } from '../../components/formText';
import { rosterColumnHelper } from '../../components/roster/VirtualRoster';
import { belongsTo, teamStatusLabels } from './labels';

const helper = rosterColumnHelper<Team>();

/** The teams roster's columns; the last one holds 解散 for an active team. */
export function teamColumns(onDissolve: (team: Team) => void) {
  return helper.columns([
    helper.accessor('name', {
      header: '名称',
      size: 240,
      meta: { grow: true },
      // A button too, so the name is reachable by keyboard and names the team it opens.
      cell: (c) => (
        <Button type="link" size="small" style={{ padding: 0 }}>
          {c.getValue()}
        </Button>
      ),
    }),
    helper.accessor((t) => belongsTo(t.orgName), { id: 'orgName', header: '所属', size: 200, meta: { tooltip: true } }),
    helper.accessor('field', { header: '服务领域', size: 130, cell: (c) => dash(c.getValue()) }),
    helper.accessor('leaderName', { header: '负责人', size: 90, cell: (c) => dash(c.getValue()) }),
    helper.accessor('memberCount', { header: '队员', size: 70, meta: { numeric: true } }),
    helper.accessor('hasPartyBranch', { header: '党支部', size: 70, cell: (c) => (c.getValue() ? '有' : '无') }),
    helper.accessor('foundedOn', { header: '成立日期', size: 110, meta: { numeric: true } }),
    helper.accessor('status', {
      header: '状态',
      size: 80,
      cell: (c) => <Tag color={c.getValue() === 'active' ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>{teamStatusLabels[c.getValue()]}</Tag>,
    }),
    helper.display({
      id: 'actions',
      header: '',
      size: 70,
      cell: (c) =>
        c.row.original.status === 'active' && (
          <Button
            size="small"
            type="link"
            danger
            onClick={(e) => {
              // The row itself opens the team; this button only dissolves it.
              e.stopPropagation();
              onDissolve(c.row.original);
            }}
          >
            解散
          </Button>
        ),
    }),
  ]);
}
