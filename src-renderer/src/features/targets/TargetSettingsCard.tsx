import { useEffect, useState } from 'react';
import { Button, Card, Form, InputNumber, Select, Space, Table, Typography } from 'antd';
import type { ChecklistTemplate, DashboardSettings } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { useApiAction } from '../../components/useApiError';

type Target = DashboardSettings['targets'][number];

/** 目标设置: the denominators the ledger cannot know, the campaign template, and each target's threshold and year. */
export function TargetSettingsCard({ onSaved }: { onSaved: () => void }) {
  const [settings, setSettings] = useState<DashboardSettings | null>(null);
  const [templates, setTemplates] = useState<ChecklistTemplate[]>([]);
  const run = useApiAction();
  const [form] = Form.useForm();

  useEffect(() => {
    void run(() => invoke('dashboard.settings.get', {})).then((s) => s && setSettings(s));
    void run(() => invoke('checklist.templates', {})).then((list) => list && setTemplates(list));
  }, [run]);
  useEffect(() => {
    if (settings) form.setFieldsValue({ residentPopulation: settings.residentPopulation, communityCount: settings.communityCount, templateCode: settings.templateCode });
  }, [settings, form]);

  if (!settings) return <Card title="目标设置" loading />;

  const saveTarget = async (t: Target, threshold: number | null, dueYear: number | null) => {
    if (threshold === null) return;
    const saved = await run(() => invoke('dashboard.target.update', { key: t.key, threshold, dueYear }), `已保存“${t.name}”的目标`);
    if (saved) {
      setSettings(saved);
      onSaved();
    }
  };

  return (
    <Card title="目标设置">
      <Form
        id="dashboard-settings"
        form={form}
        layout="inline"
        onFinish={async (v: { residentPopulation: number | null; communityCount: number | null; templateCode: string }) => {
          const saved = await run(
            () => invoke('dashboard.settings.update', { residentPopulation: v.residentPopulation ?? null, communityCount: v.communityCount ?? null, templateCode: v.templateCode }),
            '已保存目标设置',
          );
          if (saved) {
            setSettings(saved);
            onSaved();
          }
        }}
      >
        <Form.Item name="residentPopulation" label="全县常住人口（人）" tooltip="注册志愿者占比的分母；台账无法得知，需填写统计部门公布的数字">
          <InputNumber min={1} precision={0} style={{ width: 150 }} placeholder="未设置" />
        </Form.Item>
        <Form.Item name="communityCount" label="全县社区总数（个）" tooltip="许多社区尚未成立红十字会；留空则按台账中已成立的社区红十字会计算">
          <InputNumber min={1} precision={0} style={{ width: 130 }} placeholder={`台账中 ${settings.communityCountInLedger} 个`} />
        </Form.Item>
        <Form.Item name="templateCode" label="活动目标模板" rules={[{ required: true, message: '请选择达标模板' }]} tooltip="社区达到该模板全部适用项（按检查日期生效的版本），才算达到活动目标">
          <Select aria-label="活动目标模板" style={{ width: 300 }} options={templateOptions(templates, settings.templateCode)} />
        </Form.Item>
        <Button htmlType="submit" type="primary">保存</Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0 8px' }}>各项目标（可按本省、本年度要求修改）：</Typography.Paragraph>
      <Table<Target>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={settings.targets}
        columns={[
          {
            title: '目标',
            dataIndex: 'name',
            render: (name: string, t) =>
              t.key === 'teams_per_organization' ? (
                <Space orientation="vertical" size={0}>
                  <span>{name}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>每个基层组织至少应有的服务队支数；全部组织达到（100%）才算达标</Typography.Text>
                </Space>
              ) : (
                name
              ),
          },
          { title: '比较', width: 60, render: (_, t) => (t.comparator === '>' ? '>' : '≥') },
          { title: '目标值', width: 200, render: (_, t) => <TargetRowEditor target={t} onSave={saveTarget} /> },
          { title: '依据', dataIndex: 'source', render: (v: string | null) => <Typography.Text type="secondary">{v ?? '—'}</Typography.Text> },
        ]}
      />
    </Card>
  );
}

function TargetRowEditor({ target, onSave }: { target: Target; onSave: (t: Target, threshold: number | null, dueYear: number | null) => Promise<void> }) {
  const [threshold, setThreshold] = useState<number | null>(target.threshold);
  const [dueYear, setDueYear] = useState<number | null>(target.dueYear);
  const changed = threshold !== target.threshold || dueYear !== target.dueYear;
  return (
    <Space size={4}>
      <InputNumber
        aria-label={`${target.name}目标值`}
        size="small"
        min={0}
        value={threshold}
        onChange={setThreshold}
        suffix={target.key === 'teams_per_organization' ? '支' : target.unit}
        style={{ width: 90 }}
      />
      <InputNumber aria-label={`${target.name}目标年份`} size="small" min={2000} max={2100} precision={0} value={dueYear} onChange={setDueYear} placeholder="年份" style={{ width: 70 }} />
      <Button size="small" disabled={!changed || threshold === null} onClick={() => void onSave(target, threshold, dueYear)}>保存</Button>
    </Space>
  );
}

/** One choice per template code, named by its latest version; a configured code the ledger lacks stays visible as such. */
function templateOptions(templates: ChecklistTemplate[], current: string) {
  const latest = new Map<string, ChecklistTemplate>();
  for (const t of templates) if ((latest.get(t.code)?.id ?? 0) < t.id) latest.set(t.code, t);
  const options = [...latest.values()].map((t) => ({ value: t.code, label: t.name === t.code ? t.code : `${t.code}：${t.name}` }));
  if (templates.length > 0 && !latest.has(current)) options.push({ value: current, label: `${current}（找不到此模板，请另选）` });
  return options;
}
