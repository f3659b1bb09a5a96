import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Empty, List, Row, Space, Spin, Tabs, Tag, Typography } from 'antd';
import type { Dashboard, RecordPart, TargetKey } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { CoverageChart, type ChartSeries } from './CoverageChart';
import { RecordsDrawer, type RecordsQuery } from './RecordsDrawer';
import { TargetCard } from './TargetCard';
import { TargetSettingsCard } from './TargetSettingsCard';

const laggingTitles: Partial<Record<TargetKey, string>> = {
  community_team_coverage: '未建服务队的社区',
  community_goal_rate: '未达到活动目标的社区',
  teams_per_organization: '服务队数未达到要求的基层组织',
};

/** The goal-rate series only when the goal is known: an unknown template leaves nothing to chart (its card says why). */
const goalKnown = (d: Dashboard) => d.targets.some((t) => t.key === 'community_goal_rate' && t.numerator !== null);

/** 工作目标: the county against its targets as of a date, where it lags, and the records behind every figure. */
export function TargetsPage() {
  const [asOf, setAsOf] = useState<string | null>(null);
  const [dashboard, setDashboard] = useState<Dashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [records, setRecords] = useState<RecordsQuery | null>(null);

  const load = useCallback(async () => {
    try {
      setDashboard(await invoke('dashboard.get', asOf ? { asOf } : {}));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [asOf]);
  useEffect(() => {
    void load();
  }, [load]);

  const open = useCallback(
    (key: TargetKey, part: RecordPart, heading: string, scope: { townshipId?: number | null; typeId?: number | null } = {}) =>
      setRecords({ key, part, heading, ...(dashboard ? { asOf: dashboard.asOf } : {}), ...scope }),
    [dashboard],
  );

  const townshipSeries = useMemo<ChartSeries[]>(() => {
    if (!dashboard) return [];
    const rows = dashboard.byTownship.filter((r) => r.communities > 0);
    const series: ChartSeries[] = [
      { name: '建有服务队的社区占比', bars: rows.map((r) => ({ label: r.name, value: r.communityCoverage, detail: `${r.communitiesWithTeam}/${r.communities}` })) },
    ];
    if (goalKnown(dashboard)) {
      series.push({
        name: '达到活动目标的社区占比',
        bars: rows.map((r) => ({ label: r.name, value: r.communities > 0 ? Number(((r.communitiesMeeting * 100) / r.communities).toFixed(1)) : null, detail: `${r.communitiesMeeting}/${r.communities}` })),
      });
    }
    return series;
  }, [dashboard]);

  const typeSeries = useMemo<ChartSeries[]>(() => {
    if (!dashboard) return [];
    const series: ChartSeries[] = [
      { name: '服务队数达到要求的组织占比', bars: dashboard.byType.map((r) => ({ label: r.name, value: r.teamCoverage, detail: `${r.organizationsWithTeam}/${r.organizations}` })) },
    ];
    if (goalKnown(dashboard)) {
      series.push({ name: '达到活动目标的占比', bars: dashboard.byType.map((r) => ({ label: r.name, value: r.goalRate, detail: r.organizationsMeeting === null ? '' : `${r.organizationsMeeting}/${r.organizations}` })) });
    }
    return series;
  }, [dashboard]);

  if (error) return <Alert type="error" showIcon title="无法读取工作目标" description={error} action={<Button onClick={() => void load()}>重试</Button>} />;
  if (!dashboard) return <Spin description="正在计算工作目标……" />;

  const chartRows = dashboard.byTownship.filter((r) => r.communities > 0);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space align="center" wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>工作目标</Typography.Title>
        <Typography.Text type="secondary">截至</Typography.Text>
        <div style={{ width: 150 }}>
          <DateInput value={asOf ?? dashboard.asOf} onChange={setAsOf} />
        </div>
        {asOf === null && <Tag>今天</Tag>}
      </Space>

      <Row gutter={[12, 12]}>
        {dashboard.targets.map((t) => (
          <Col key={t.key} xs={24} md={12} xl={8}>
            <TargetCard target={t} onOpen={(part, heading) => open(t.key, part, heading)} />
          </Col>
        ))}
      </Row>

      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <Card size="small" title="各乡镇（街道）社区覆盖情况">
            {chartRows.length === 0 ? (
              <Empty description="台账中没有已成立的社区红十字会" />
            ) : (
              <CoverageChart
                label="各乡镇（街道）社区覆盖率图"
                series={townshipSeries}
                onBarClick={(i, s) => {
                  const r = chartRows[i];
                  if (!r) return;
                  const key = s === 0 ? 'community_team_coverage' : 'community_goal_rate';
                  open(key, 'numerator', `${r.name} · ${s === 0 ? '建有服务队的社区' : '达到活动目标的社区'}`, { townshipId: r.townshipId });
                }}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title="各类型组织建队情况">
            {dashboard.byType.length === 0 ? (
              <Empty description="台账中没有已成立的基层组织" />
            ) : (
              <CoverageChart
                label="各类型组织建队率图"
                series={typeSeries}
                onBarClick={(i, s) => {
                  const r = dashboard.byType[i];
                  if (!r) return;
                  if (s === 0) open('teams_per_organization', 'numerator', `${r.name} · 服务队数达到要求的组织`, { typeId: r.typeId });
                  else if (r.isCommunity) open('community_goal_rate', 'numerator', `${r.name} · 达到活动目标`, { typeId: r.typeId });
                }}
              />
            )}
          </Card>
        </Col>
      </Row>

      <Card size="small" title="落后的组织">
        <Tabs
          items={dashboard.lagging.map((l) => ({
            key: l.key,
            label: `${laggingTitles[l.key] ?? l.key}（${l.total}）`,
            children: (
              <>
                <List
                  size="small"
                  locale={{ emptyText: '没有落后的组织' }}
                  dataSource={l.organizations}
                  renderItem={(o) => (
                    <List.Item>
                      <Space>
                        <Typography.Text>{o.name}</Typography.Text>
                        <Typography.Text type="secondary">{o.typeName ?? '未分类'} · {o.townshipName}</Typography.Text>
                      </Space>
                    </List.Item>
                  )}
                />
                {l.total > l.organizations.length && (
                  <Button type="link" onClick={() => open(l.key, 'lagging', laggingTitles[l.key] ?? '落后的组织')}>
                    查看全部 {l.total} 个
                  </Button>
                )}
              </>
            ),
          }))}
        />
      </Card>

      <TargetSettingsCard onSaved={() => void load()} />
      <RecordsDrawer query={records} onClose={() => setRecords(null)} />
    </Space>
  );
}
