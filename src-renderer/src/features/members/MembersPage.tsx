import { useCallback, useRef, useState } from 'react';
import { App, Button, Select, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Member, MemberAddResult, MemberRow, MemberSort } from '../../../../src-main/core/api/contract';
import { useOrgList } from '../../components/useOrgList';
import { RosterSearchBox } from '../../components/roster/RosterSearchBox';
import { RosterStatus } from '../../components/roster/RosterStatus';
import { useKeysetPages } from '../../components/roster/useKeysetPages';
import { VirtualRoster } from '../../components/roster/VirtualRoster';
import { AddMemberModal } from './AddMemberModal';
import { MemberDrawer } from './MemberDrawer';
import { memberColumns } from './memberColumns';
import { OrgPicker } from './OrgPicker';
import { ExportActions } from '../../components/ExportActions';
import { ImportButton } from '../import/ImportLauncher';
import { ledgerToday } from '../../components/ledgerToday';

interface MemberFilter {
  orgId: number | undefined;
  status: MemberRow['status'] | undefined;
  kind: MemberRow['kind'] | undefined;
  search: string;
  sort: MemberSort;
  joinedYear: number | undefined;
}

const statusOptions = [
  { value: 'all', label: '全部状态' },
  { value: 'active', label: '在册' },
  { value: 'lapsed', label: '已退会' },
];
const kindOptions = [
  { value: 'all', label: '全部类别' },
  { value: 'adult', label: '成人会员' },
  { value: 'youth', label: '青少年会员' },
];

const thisYear = Number(ledgerToday().slice(0, 4));
const yearOptions = [{ value: 0, label: '全部入会年份' }, ...Array.from({ length: thisYear - 1999 }, (_, i) => ({ value: thisYear - i, label: `${thisYear - i} 年入会` }))];

/** A name fragment is found through the pinyin-ordered index: its results come in name order. */
const nameSearch = (search: string) => search !== '' && !/^[0-9Xx]{3,18}$/.test(search);

function rowOf(member: Member): MemberRow {
  const { id, name, kind, gender, idNumber, phone, orgId, orgName, status, joinedOn } = member;
  return { id, name, kind, gender, idNumber, phone, orgId, orgName, status, joinedOn };
}

export function MembersPage() {
  const orgs = useOrgList();
  const [filter, setFilter] = useState<MemberFilter>({ orgId: undefined, status: 'active', kind: undefined, search: '', sort: 'name', joinedYear: undefined });
  const [reloadToken, setReloadToken] = useState(0);
  const [openId, setOpenId] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  const roster = useKeysetPages('member.list', { ...filter, search: filter.search || undefined }, reloadToken);
  const rosterRef = useRef<HTMLDivElement>(null);
  const { modal, message } = App.useApp();

  const onSearch = useCallback(
    (search: string) => setFilter((f) => (f.search === search ? f : { ...f, search, sort: nameSearch(search) && !f.sort.endsWith('name') ? 'name' : f.sort })),
    [],
  );
  const focusRoster = useCallback(() => rosterRef.current?.focus(), []);

  function closeDrawer() {
    setOpenId(null);
    // Back to the roster, so ↑↓ and Enter carry on where the clerk was.
    requestAnimationFrame(focusRoster);
  }

  function added(result: MemberAddResult) {
    setAdding(false);
    const notices = (
      <ul style={{ paddingInlineStart: 20, margin: 0 }}>
        {result.notices.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    );
    if (result.alreadyExisted) {
      modal.info({ title: `“${result.name}”已在台账中`, content: <>{notices}<p style={{ marginTop: 8 }}>已为您打开该会员。</p></>, okText: '知道了' });
    } else {
      void message.success(`已新增会员“${result.name}”`);
      if (result.notices.length > 0) modal.info({ title: '请注意', content: notices, okText: '知道了' });
      setReloadToken((t) => t + 1);
    }
    setOpenId(result.id);
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
            onChange={(v: string) => setFilter((f) => ({ ...f, status: v === 'all' ? undefined : (v as MemberFilter['status']) }))}
          />
          <Select
            aria-label="类别"
            style={{ width: 128 }}
            options={kindOptions}
            value={filter.kind ?? 'all'}
            onChange={(v: string) => setFilter((f) => ({ ...f, kind: v === 'all' ? undefined : (v as MemberFilter['kind']) }))}
          />
          <Select
            aria-label="入会年份"
            style={{ width: 140 }}
            options={yearOptions}
            value={filter.joinedYear ?? 0}
            onChange={(v: number) => setFilter((f) => ({ ...f, joinedYear: v === 0 ? undefined : v }))}
          />
          <RosterSearchBox label="查找会员" width={300} value={filter.search} onSearch={onSearch} onArrowDown={focusRoster} />
        </Space>
        <Space wrap>
          <ExportActions kind="members" filter={{ ...filter }} />
          <ImportButton kind={filter.kind === 'youth' ? 'youth-members' : 'members'} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            新增会员
          </Button>
        </Space>
      </Space>
      <VirtualRoster
        label="会员名册"
        emptyText="没有符合条件的会员"
        columns={memberColumns}
        pages={roster}
        onOpen={setOpenId}
        containerRef={rosterRef}
        sort={{
          value: filter.sort,
          // A name search orders by name only.
          sortable: nameSearch(filter.search) ? ['name'] : ['name', 'joinedOn'],
          onChange: (sort) => setFilter((f) => ({ ...f, sort })),
        }}
      />
      <RosterStatus pages={roster} unit="人" />
      <MemberDrawer memberId={openId} orgs={orgs} onClose={closeDrawer} onChanged={(m) => roster.replaceRow(rowOf(m))} />
      {adding && <AddMemberModal orgs={orgs} defaultOrgId={filter.orgId} onClose={() => setAdding(false)} onSaved={added} />}
    </div>
  );
}
