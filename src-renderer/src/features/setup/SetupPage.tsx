import { useState } from 'react';
import { Button, Card, Form, Input, Steps, Typography } from 'antd';
import type { County } from '../../../../src-main/core/api/contract';
import { ApiCallError, invoke } from '../../api/client';
import { useApiAction } from '../../components/useApiError';
import { GovernanceForm } from '../settings/GovernanceForm';

interface CountyForm {
  divisionCode: string;
  name: string;
  clerkName: string;
}

/** First run: nothing else works until the county and its society's name are set. */
export function SetupPage({ onDone }: { onDone: () => void }) {
  const [form] = Form.useForm<CountyForm>();
  const [county, setCounty] = useState<County | null>(null);
  const [found, setFound] = useState<string | null>(null);
  const run = useApiAction();

  async function lookup(code: string) {
    setFound(null);
    if (!/^\d{6}$/.test(code)) return;
    try {
      const info = await invoke('county.lookup', { code });
      const place = info.city === '市辖区' || info.city === '县' ? info.province : info.city;
      setFound(`${info.province} ${info.city === place ? info.city : ''} ${info.name}`.replace(/\s+/g, ' '));
      if (!form.getFieldValue('name')) form.setFieldValue('name', `${place}${info.name}红十字会`);
      form.setFields([{ name: 'divisionCode', errors: [] }]);
    } catch (error) {
      form.setFields([{ name: 'divisionCode', errors: [(error as ApiCallError).message] }]);
    }
  }

  async function submit(values: CountyForm) {
    const saved = await run(async () => {
      const result = await invoke('county.setup', { divisionCode: values.divisionCode, name: values.name });
      await invoke('settings.update', { clerkName: values.clerkName });
      return result;
    });
    if (saved) setCounty(saved);
  }

  async function saveGovernance(value: County['governance']) {
    const saved = await run(() => invoke('county.updateGovernance', value), '已保存');
    if (saved) onDone();
  }

  return (
    <div style={{ maxWidth: 720, margin: '48px auto', padding: '0 16px' }}>
      <Typography.Title level={3}>欢迎使用红会基层台账</Typography.Title>
      <Steps current={county ? 1 : 0} items={[{ title: '本级红十字会' }, { title: '组织建设情况' }]} style={{ marginBottom: 24 }} />
      {!county ? (
        <Card title="首次使用：请填写本县（市、区）红十字会">
          <Form form={form} layout="vertical" onFinish={submit} requiredMark>
            <Form.Item
              name="divisionCode"
              label="县级行政区划代码（6 位）"
              extra={found ? `对应：${found}` : '例如杭州市西湖区为 330106'}
              rules={[{ required: true, message: '请填写行政区划代码' }, { pattern: /^\d{6}$/, message: '应为 6 位数字' }]}
            >
              <Input maxLength={6} inputMode="numeric" autoFocus onChange={(e) => void lookup(e.target.value.trim())} />
            </Form.Item>
            <Form.Item name="name" label="红十字会名称" rules={[{ required: true, message: '请填写红十字会名称' }]}>
              <Input placeholder="如：杭州市西湖区红十字会" />
            </Form.Item>
            <Form.Item name="clerkName" label="经办人姓名" extra="记录在每一条变更记录中，可在“设置”中修改" rules={[{ required: true, message: '请填写经办人姓名' }]}>
              <Input maxLength={30} />
            </Form.Item>
            <Button type="primary" htmlType="submit">下一步</Button>
          </Form>
        </Card>
      ) : (
        <Card title="本级红十字会组织建设情况（用于年报第 1、3、5、7 项）">
          <Typography.Paragraph type="secondary">可现在填写，也可以稍后在“设置”中填写；未填写时年报会提示。</Typography.Paragraph>
          <GovernanceForm initial={county.governance} onSubmit={saveGovernance} submitText="保存并开始使用" extraButton={<Button onClick={onDone}>稍后填写</Button>} />
        </Card>
      )}
    </div>
  );
}
