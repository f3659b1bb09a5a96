import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Space } from 'antd';
import type { AppStatus, County } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { useApiAction } from '../../components/useApiError';
import { GovernanceForm } from './GovernanceForm';
import { DuesDefaultsCard } from '../dues/DuesDefaultsCard';
import { YouthReferenceCard } from './YouthReferenceCard';
import { StatsContactCard } from './StatsContactCard';

export function SettingsPage({ status, onChanged }: { status: AppStatus; onChanged: () => void }) {
  const [county, setCounty] = useState<County | null>(null);
  const run = useApiAction();
  const load = useCallback(async () => setCounty(await invoke('county.get', {})), []);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 880 }}>
      <Card title="经办人">
        <Form
          layout="inline"
          initialValues={{ clerkName: status.clerkName }}
          onFinish={async (v: { clerkName: string }) => {
            if (await run(() => invoke('settings.update', v), '已保存')) onChanged();
          }}
        >
          <Form.Item name="clerkName" label="经办人姓名" rules={[{ required: true, message: '请填写经办人姓名' }]}>
            <Input maxLength={30} />
          </Form.Item>
          <Button htmlType="submit">保存</Button>
        </Form>
      </Card>
      <StatsContactCard />
      <DuesDefaultsCard />
      <YouthReferenceCard />
      {county && (
        <Card title="本级红十字会">
          <Descriptions column={2} size="small">
            <Descriptions.Item label="名称">{county.name}</Descriptions.Item>
            <Descriptions.Item label="行政区划代码">{county.divisionCode}</Descriptions.Item>
            <Descriptions.Item label="所在地">{`${county.province} ${county.city}`}</Descriptions.Item>
            <Descriptions.Item label="区划代码表版本">{county.divisionListVersion}</Descriptions.Item>
            <Descriptions.Item label="数据文件" span={2}>{status.dbFile}</Descriptions.Item>
          </Descriptions>
          {county.governanceMissing.length > 0 && (
            <Alert style={{ margin: '12px 0' }} type="warning" showIcon title={`年报所需信息尚未填写：${county.governanceMissing.join('、')}`} />
          )}
          <GovernanceForm
            initial={county.governance}
            onSubmit={async (value) => {
              const saved = await run(() => invoke('county.updateGovernance', value), '已保存');
              if (saved) setCounty(saved);
            }}
          />
        </Card>
      )}
    </Space>
  );
}
