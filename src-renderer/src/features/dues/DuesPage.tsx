import { useCallback, useState } from 'react';
import { Card, Select, Space, Typography } from 'antd';
import { useOrgList } from '../../components/useOrgList';
import { OrgPicker } from '../members/OrgPicker';
import { DuesRecorder } from './DuesRecorder';
import { DuesReportTable } from './DuesReportTable';
import { OverdueList } from './OverdueList';
import { ledgerToday } from '../../components/ledgerToday';

/**
 * 会费: for one organisation (with its subtree) or the whole county and one year — the report with
 * totals, recording dues for chosen members in bulk, and the 视为自动退会 list with its one
 * confirmed bulk lapse and the undo of the last one.
 */
export function DuesPage() {
  const orgs = useOrgList();
  const thisYear = Number(ledgerToday().slice(0, 4));
  const [orgId, setOrgId] = useState<number | undefined>(undefined);
  const [year, setYear] = useState(thisYear);
  // Bumped after every write here, so the report and the lists show its effect.
  const [version, setVersion] = useState(0);
  const bump = useCallback(() => setVersion((v) => v + 1), []);

  const years = Array.from({ length: 8 }, (_, i) => thisYear + 1 - i);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <OrgPicker aria-label="组织（含下级）" orgs={orgs} allowClear placeholder="全县（全部组织）" value={orgId} onChange={setOrgId} style={{ width: 280 }} />
        <Select aria-label="年度" style={{ width: 120 }} value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: `${y} 年` }))} />
        <Typography.Text type="secondary">成人、青少年会员的默认会费在“设置”中修改。</Typography.Text>
      </Space>
      <Card title={`${year} 年会费统计`} size="small">
        <DuesReportTable orgId={orgId} year={year} version={version} />
      </Card>
      <Card title="登记会费" size="small">
        {orgId === undefined ? (
          <Typography.Text type="secondary">请先在上方选择一个组织，再为其会员登记会费。</Typography.Text>
        ) : (
          <DuesRecorder orgId={orgId} year={year} version={version} onRecorded={bump} />
        )}
      </Card>
      <Card title="视为自动退会" size="small">
        <OverdueList orgId={orgId} orgName={orgs.find((o) => o.id === orgId)?.name ?? null} version={version} onChanged={bump} />
      </Card>
    </Space>
  );
}
