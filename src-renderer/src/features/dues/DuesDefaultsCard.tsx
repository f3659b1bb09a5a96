import { useEffect, useState } from 'react';
import { Button, Card, Form, InputNumber } from 'antd';
import { invoke } from '../../api/client';
import { useApiAction } from '../../components/useApiError';
import { fenToYuan, yuanToFen } from './money';

interface Fields {
  adultYuan: number;
  youthYuan: number;
  firstYear: number | null;
}

/** 设置 → 会费标准: the default yearly dues in 元 (stored in fen) for adult and youth members. */
export function DuesDefaultsCard() {
  const [form] = Form.useForm<Fields>();
  const [loaded, setLoaded] = useState(false);
  const run = useApiAction();

  useEffect(() => {
    void invoke('settings.get', {}).then((s) => {
      form.setFieldsValue({ adultYuan: Number(fenToYuan(s.duesAdultFen)), youthYuan: Number(fenToYuan(s.duesYouthFen)), firstYear: s.duesFirstYear });
      setLoaded(true);
    }, () => undefined);
  }, [form]);

  return (
    <Card title="会费标准">
      <Form
        form={form}
        name="dues-defaults"
        layout="inline"
        disabled={!loaded}
        onFinish={(v: Fields) =>
          void run(
            () => invoke('settings.update', { duesAdultFen: yuanToFen(v.adultYuan), duesYouthFen: yuanToFen(v.youthYuan), duesFirstYear: v.firstYear ?? null }),
            '已保存会费标准',
          )
        }
      >
        <Form.Item name="adultYuan" label="成人会员（元/年）" rules={[{ required: true, message: '请填写金额' }]}>
          <InputNumber min={0} max={100000} precision={2} />
        </Form.Item>
        <Form.Item name="youthYuan" label="青少年会员（元/年）" rules={[{ required: true, message: '请填写金额' }]}>
          <InputNumber min={0} max={100000} precision={2} />
        </Form.Item>
        <Form.Item
          name="firstYear"
          label="视为自动退会从哪年起判断"
          tooltip="开始用本台账登记会费之前的年度没有记录，不作为未缴判断。留空则从最早登记会费的年度起判断。"
        >
          <InputNumber min={1990} max={2200} precision={0} placeholder="最早登记年度" style={{ width: 130 }} />
        </Form.Item>
        <Button htmlType="submit">保存</Button>
      </Form>
    </Card>
  );
}
