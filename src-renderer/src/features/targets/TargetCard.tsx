import { Button, Card, Space, Tag, Typography } from 'antd';
import type { DashboardTarget, RecordPart } from '../../../../src-main/core/api/contract';
import { partNames, targetText, valueText } from './labels';

interface Props {
  target: DashboardTarget;
  onOpen: (part: RecordPart, heading: string) => void;
}

/** One target: value against target, met or not in words and colour, and links to the records behind each figure. */
export function TargetCard({ target: t, onOpen }: Props) {
  const names = partNames[t.key];
  // The population is a setting, not records: only the other denominators open a list.
  const denominatorOpens = names.denominator !== null && t.key !== 'volunteer_population_rate';
  return (
    <Card size="small" title={t.name} data-testid={`target-${t.key}`} style={{ height: '100%', borderTop: `3px solid ${t.met ? '#52c41a' : '#ff4d4f'}` }}>
      <Space orientation="vertical" size={6} style={{ width: '100%' }}>
        <Space align="baseline" wrap>
          <Button type="link" style={{ padding: 0, fontSize: 26, height: 'auto' }} aria-label={`${t.name}：${valueText(t)}，查看明细`} onClick={() => onOpen('numerator', `${t.name} · ${names.numerator}`)}>
            <span data-testid="target-value">{valueText(t)}</span>
          </Button>
          <Tag color={t.met ? 'success' : 'error'}>{t.met ? '已达标' : '未达标'}</Tag>
        </Space>
        <Typography.Text type="secondary">目标：{targetText(t)}</Typography.Text>
        <Space size={4} wrap>
          <Button size="small" type="link" style={{ padding: 0 }} onClick={() => onOpen('numerator', `${t.name} · ${names.numerator}`)}>
            {names.numerator} {t.numerator ?? '—'}
          </Button>
          {names.denominator !== null && (
            <>
              <Typography.Text type="secondary">/</Typography.Text>
              {denominatorOpens ? (
                <Button size="small" type="link" style={{ padding: 0 }} onClick={() => onOpen('denominator', `${t.name} · ${names.denominator}`)}>
                  {names.denominator} {t.denominator ?? '—'}
                </Button>
              ) : (
                <Typography.Text>
                  {names.denominator} {t.denominator ?? '未设置'}
                </Typography.Text>
              )}
            </>
          )}
          {names.lagging !== null && t.numerator !== null && (
            <Button size="small" type="link" danger style={{ padding: 0 }} onClick={() => onOpen('lagging', `${t.name} · ${names.lagging}`)}>
              {names.lagging}
            </Button>
          )}
        </Space>
        {t.note && <Typography.Text type={t.value === null ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>{t.note}</Typography.Text>}
      </Space>
    </Card>
  );
}
