import { Button, Card, Form, Input, Typography } from 'antd';
import { invoke } from '../../api/client';
import { useApiAction } from '../../components/useApiError';
import { useSettingsForm } from './useSettingsForm';

/** 设置 → 年报填报信息: the office number printed in full under 附件1 / 附件2 (联系电话). */
export function StatsContactCard() {
  const [form] = Form.useForm<{ statsContactPhone: string }>();
  const loaded = useSettingsForm(form, (s) => ({ statsContactPhone: s.statsContactPhone ?? '' }));
  const run = useApiAction();

  return (
    <Card title="年报填报信息">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        统计表（附件1、附件2）表尾“联系电话”一栏打印此号码，应为本会办公电话或经办人工作手机。留空则表尾留出空白，打印后手写。
      </Typography.Paragraph>
      <Form
        form={form}
        name="stats-contact"
        layout="inline"
        disabled={!loaded}
        onFinish={async (v) => {
          const saved = await run(() => invoke('settings.update', { statsContactPhone: (v.statsContactPhone ?? '').trim() || null }), '已保存联系电话（填报用）');
          if (saved) form.setFieldsValue({ statsContactPhone: saved.statsContactPhone ?? '' });
        }}
      >
        <Form.Item name="statsContactPhone" label="联系电话（填报用）" style={{ minWidth: 360 }}>
          <Input maxLength={30} placeholder="如 0571-87654321 或 13812345678" />
        </Form.Item>
        <Button htmlType="submit">保存</Button>
      </Form>
    </Card>
  );
}
