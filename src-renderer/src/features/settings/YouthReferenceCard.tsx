import { Button, Card, Form, Typography } from 'antd';
import { invoke } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { useApiAction } from '../../components/useApiError';
import { useSettingsForm } from './useSettingsForm';

/** 设置 → 青少年会员: the date on which "under 18" is judged (empty: each day itself). */
export function YouthReferenceCard() {
  const [form] = Form.useForm<{ youthReferenceDate: string | null }>();
  const loaded = useSettingsForm(form, (s) => ({ youthReferenceDate: s.youthReferenceDate }));
  const run = useApiAction();

  return (
    <Card title="青少年会员">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        在基准日未满 18 周岁的会员为青少年会员；已满 18 周岁的青少年会员会提示转为成人会员。留空则以当天为准。
      </Typography.Paragraph>
      <Form
        form={form}
        name="youth-reference"
        layout="inline"
        disabled={!loaded}
        onFinish={(v) => void run(() => invoke('settings.update', { youthReferenceDate: v.youthReferenceDate ?? null }), '已保存青少年会员基准日')}
      >
        <Form.Item name="youthReferenceDate" label="年龄计算基准日" style={{ minWidth: 320 }}>
          <DateInput placeholder="留空：以当天为准" />
        </Form.Item>
        <Button htmlType="submit">保存</Button>
      </Form>
    </Card>
  );
}
