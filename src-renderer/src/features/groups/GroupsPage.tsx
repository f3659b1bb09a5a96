import { useState } from 'react';
import { App, Button, Input, Select, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { GroupMember, GroupRow, GroupSaveResult } from '../../../../src-main/core/api/contract';
import { useOrgList } from '../../components/useOrgList';
import { RosterStatus } from '../../components/roster/RosterStatus';
import { useKeysetPages } from '../../components/roster/useKeysetPages';
import { VirtualRoster } from '../../components/roster/VirtualRoster';
import { OrgPicker } from '../members/OrgPicker';
import { GroupDrawer } from './GroupDrawer';
import { GroupFormModal } from './GroupFormModal';
import { groupColumns } from './groupColumns';
import { ExportActions } from '../../components/ExportActions';
import { ImportButton } from '../import/ImportLauncher';

interface Filter {
  orgId: number | undefined;
  status: GroupRow['status'] | undefined;
  search: string;
}

const statusOptions = [
  { value: 'all', label: '全部状态' },
  { value: 'active', label: '在册' },
  { value: 'lapsed', label: '已退会' },
];

function rowOf(g: GroupMember): GroupRow {
  const { id, unitName, uscc, legacyOrgCode, orgId, orgName, contactName, contactPhone, joinedOn, status } = g;
  return { id, unitName, uscc, legacyOrgCode, orgId, orgName, contactName, contactPhone, joinedOn, status };
}

export function GroupsPage() {
  const orgs = useOrgList();
  const [filter, setFilter] = useState<Filter>({ orgId: undefined, status: 'active', search: '' });
  const [reloadToken, setReloadToken] = useState(0);
  const [openId, setOpenId] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  const { modal, message } = App.useApp();

  const roster = useKeysetPages('group.list', { ...filter, search: filter.search.trim() || undefined }, reloadToken);

  function added(result: GroupSaveResult) {
    setAdding(false);
    void message.success(`已新增团体会员“${result.unitName}”`);
    if (result.notices.length > 0) modal.warning({ title: '请注意', content: result.notices.join('\n'), okText: '知道了' });
    setReloadToken((t) => t + 1);
  }

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12, height: 'calc(100vh - 96px)', minWidth: 0 }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          <OrgPicker
            aria-label="所属组织（含下级）"
            orgs={orgs}
            allowClear
            placeholder="全部组织（含下级）"
            value={filter.orgId}
            onChange={(orgId) => setFilter((f) => ({ ...f, orgId }))}
            style={{ width: 260 }}
          />
          <Select
            aria-label="状态"
            style={{ width: 116 }}
            options={statusOptions}
            value={filter.status ?? 'all'}
            onChange={(v: string) => setFilter((f) => ({ ...f, status: v === 'all' ? undefined : (v as Filter['status']) }))}
          />
          <Input.Search
            aria-label="查找团体会员"
            allowClear
            placeholder="单位名称片段或信用代码"
            style={{ width: 260 }}
            onSearch={(search) => setFilter((f) => ({ ...f, search }))}
          />
        </Space>
        <Space wrap>
          <ExportActions kind="group-members" filter={{ ...filter, search: filter.search.trim() }} />
          <ImportButton kind="group-members" />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            新增团体会员
          </Button>
        </Space>
      </Space>
      <VirtualRoster label="团体会员名册" emptyText="没有符合条件的团体会员" columns={groupColumns} pages={roster} onOpen={setOpenId} />
      <RosterStatus pages={roster} unit="个单位" />
      <GroupDrawer groupId={openId} orgs={orgs} onClose={() => setOpenId(null)} onChanged={(g) => roster.replaceRow(rowOf(g))} />
      {adding && <GroupFormModal orgs={orgs} defaultOrgId={filter.orgId} onClose={() => setAdding(false)} onSaved={added} />}
    </div>
  );
}
