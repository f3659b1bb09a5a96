import { useCallback, useRef, useState } from 'react';
import { App, Button, Select, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { OrgSummary, Team, Volunteer, VolunteerAddResult, VolunteerRow } from '../../../../src-main/core/api/contract';
import { RosterSearchBox } from '../../components/roster/RosterSearchBox';
import { RosterStatus } from '../../components/roster/RosterStatus';
import { useKeysetPages } from '../../components/roster/useKeysetPages';
import { VirtualRoster } from '../../components/roster/VirtualRoster';
import { OrgPicker } from '../members/OrgPicker';
import { AddVolunteerModal } from './AddVolunteerModal';
import { VolunteerDrawer } from './VolunteerDrawer';
import { volunteerColumns } from './volunteerColumns';
import { ExportActions } from '../../components/ExportActions';
import { ImportButton } from '../import/ImportLauncher';

interface VolunteerFilter {
  orgId: number | undefined;
  status: VolunteerRow['status'] | undefined;
  field: string | undefined;
  teamId: number | undefined;
  cert: 'expiring' | 'expired' | undefined;
  search: string;
  sort: VolunteerSort;
}

type VolunteerSort = 'name' | '-name' | 'registeredOn' | '-registeredOn';

/** A name fragment is found through the pinyin-ordered index: its results come in name order. */
const nameSearch = (search: string) => search !== '' && !/^[0-9Xx]{3,18}$/.test(search);

function rowOf(v: Volunteer): VolunteerRow {
  const { id, personId, name, gender, idNumber, phone, orgId, orgName, status, registeredOn, hours, starLevel, certExpiresOn } = v;
  return { id, personId, name, gender, idNumber, phone, orgId, orgName, status, registeredOn, hours, starLevel, certExpiresOn };
}

const statusOptions = [
  { value: 'all', label: '全部状态' },
  { value: 'active', label: '在册' },
  { value: 'left', label: '已退出' },
];
const certOptions = [
  { value: 'all', label: '救护员证：不限' },
  { value: 'expiring', label: '90 天内到期' },
  { value: 'expired', label: '已过期' },
];

interface Props {
  orgs: OrgSummary[];
  teams: Team[];
  fieldNames: string[];
  /** Someone changed volunteers elsewhere (hours, stars): reload from the first page. */
  reloadToken: number;
  onChanged: () => void;
}

/** The volunteer roster with its filters, the add form and the detail drawer. */
export function VolunteerList({ orgs, teams, fieldNames, reloadToken, onChanged }: Props) {
  const [filter, setFilter] = useState<VolunteerFilter>({ orgId: undefined, status: 'active', field: undefined, teamId: undefined, cert: undefined, search: '', sort: 'name' });
  const [openId, setOpenId] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  const roster = useKeysetPages('volunteer.list', { ...filter, search: filter.search || undefined }, reloadToken);
  const rosterRef = useRef<HTMLDivElement>(null);
  const { modal, message } = App.useApp();

  const onSearch = useCallback(
    (search: string) => setFilter((f) => (f.search === search ? f : { ...f, search, sort: nameSearch(search) && !f.sort.endsWith('name') ? 'name' : f.sort })),
    [],
  );
  const focusRoster = useCallback(() => rosterRef.current?.focus(), []);

  function added(result: VolunteerAddResult) {
    setAdding(false);
    if (result.alreadyExisted) {
      modal.info({ title: `“${result.name}”已是注册志愿者`, content: <>{result.notices.join(' ')} 已为您打开该志愿者。</>, okText: '知道了' });
    } else {
      void message.success(`已新增志愿者“${result.name}”`);
      if (result.notices.length > 0) modal.info({ title: '请注意', content: result.notices.join(' '), okText: '知道了' });
      onChanged();
    }
    setOpenId(result.id);
  }

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12, height: 'calc(100vh - 110px)', minWidth: 0 }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          <OrgPicker aria-label="所属组织（含下级）" orgs={orgs} allowClear placeholder="全部组织（含下级）" value={filter.orgId} onChange={(orgId) => setFilter((f) => ({ ...f, orgId }))} style={{ width: 230 }} />
          <Select aria-label="状态" style={{ width: 110 }} options={statusOptions} value={filter.status ?? 'all'} onChange={(v: string) => setFilter((f) => ({ ...f, status: v === 'all' ? undefined : (v as VolunteerFilter['status']) }))} />
          <Select
            aria-label="服务领域"
            style={{ width: 150 }}
            allowClear
            placeholder="全部服务领域"
            options={fieldNames.map((f) => ({ value: f, label: f }))}
            value={filter.field}
            onChange={(v: string | undefined) => setFilter((f) => ({ ...f, field: v ?? undefined }))}
          />
          <Select
            aria-label="服务队"
            style={{ width: 190 }}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部服务队"
            options={teams.map((t) => ({ value: t.id, label: t.name }))}
            value={filter.teamId}
            onChange={(v: number | undefined) => setFilter((f) => ({ ...f, teamId: v ?? undefined }))}
          />
          <Select aria-label="救护员证" style={{ width: 150 }} options={certOptions} value={filter.cert ?? 'all'} onChange={(v: string) => setFilter((f) => ({ ...f, cert: v === 'all' ? undefined : (v as VolunteerFilter['cert']) }))} />
          <RosterSearchBox label="查找志愿者" width={240} value={filter.search} onSearch={onSearch} onArrowDown={focusRoster} />
        </Space>
        <Space wrap>
          <ExportActions kind="volunteers" filter={{ ...filter }} />
          <ImportButton kind="volunteers" />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            新增志愿者
          </Button>
        </Space>
      </Space>
      <VirtualRoster
        label="志愿者名册"
        emptyText="没有符合条件的志愿者"
        columns={volunteerColumns}
        pages={roster}
        onOpen={setOpenId}
        containerRef={rosterRef}
        sort={{
          value: filter.sort,
          sortable: nameSearch(filter.search) ? ['name'] : ['name', 'registeredOn'],
          onChange: (sort) => setFilter((f) => ({ ...f, sort })),
        }}
      />
      <RosterStatus pages={roster} unit="人" />
      <VolunteerDrawer
        volunteerId={openId}
        onClose={() => {
          setOpenId(null);
          requestAnimationFrame(focusRoster);
        }}
        onChanged={(v) => roster.replaceRow(rowOf(v))}
      />
      {adding && <AddVolunteerModal orgs={orgs} teams={teams} fieldNames={fieldNames} defaultOrgId={filter.orgId} onClose={() => setAdding(false)} onSaved={added} />}
    </div>
  );
}
