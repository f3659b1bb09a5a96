import { useEffect } from 'react';
import { Button, Col, Divider, Form, Radio, Row, Space, Typography } from 'antd';
import type { Governance } from '../../../../src-main/core/api/contract';
import { DateInput } from '../../components/DateInput';

interface Props {
  initial: Governance;
  onSubmit: (value: Governance) => Promise<void>;
  submitText?: string;
  extraButton?: React.ReactNode;
}

const facts: Array<{ flag: keyof Governance; date: keyof Governance; label: string }> = [
  { flag: 'mgmtRationalized', date: 'mgmtRationalizedOn', label: '理顺管理体制' },
  { flag: 'partyGroupEstablished', date: 'partyGroupEstablishedOn', label: '设立党组' },
  { flag: 'supervisoryBoardEstablished', date: 'supervisoryBoardEstablishedOn', label: '设立监事会' },
];

const yesNo = [
  { value: 'yes', label: '是' },
  { value: 'no', label: '否' },
  { value: 'unset', label: '未填写' },
];

/** 是 / 否 / 未填写 for a fact that may still be unknown (null). */
function TriState({ value, onChange, id }: { value?: boolean | null; onChange?: (v: boolean | null) => void; id?: string }) {
  const current = value === true ? 'yes' : value === false ? 'no' : 'unset';
  return <Radio.Group id={id} options={yesNo} optionType="button" value={current} onChange={(e) => onChange?.(e.target.value === 'unset' ? null : e.target.value === 'yes')} />;
}

/** The county society's governance facts, which items 1, 3, 5 and 7 of the annual tables use. */
export function GovernanceForm({ initial, onSubmit, submitText = '保存', extraButton }: Props) {
  const [form] = Form.useForm<Governance>();
  useEffect(() => form.setFieldsValue(initial), [form, initial]);
  return (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => onSubmit({ ...v, terms: v.terms ?? [] })}>
      {facts.map((f) => (
        <Row gutter={16} key={f.flag}>
          <Col span={12}>
            <Form.Item name={f.flag} label={`是否${f.label}`}>
              <TriState />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item noStyle shouldUpdate>
              {({ getFieldValue }) => (
                <Form.Item name={f.date} label={`${f.label}日期`} rules={[{ required: getFieldValue(f.flag) === true, message: `请填写${f.label}的日期` }]}>
                  <DateInput disabledFuture placeholder={getFieldValue(f.flag) === true ? '选择日期' : '选“是”后填写'} />
                </Form.Item>
              )}
            </Form.Item>
          </Col>
        </Row>
      ))}
      <Divider titlePlacement="start">理事会届期（换届）</Divider>
      <Typography.Paragraph type="secondary">每一届填写换届（任期开始）日期和应换届日期，用于统计“应换届数”和“完成换届数”。</Typography.Paragraph>
      <Form.List name="terms">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <Row gutter={16} key={field.key} align="bottom">
                <Col span={10}>
                  <Form.Item name={[field.name, 'startedOn']} label={`第 ${index + 1} 届 换届日期`} rules={[{ required: true, message: '请填写换届日期' }]}>
                    <DateInput disabledFuture />
                  </Form.Item>
                </Col>
                <Col span={10}>
                  <Form.Item name={[field.name, 'dueOn']} label="应换届日期" rules={[{ required: true, message: '请填写应换届日期' }]}>
                    <DateInput />
                  </Form.Item>
                </Col>
                <Col span={4}>
                  <Form.Item>
                    <Button danger onClick={() => remove(field.name)}>删除</Button>
                  </Form.Item>
                </Col>
              </Row>
            ))}
            <Button onClick={() => add({ startedOn: null, dueOn: null, note: null })}>添加一届</Button>
          </>
        )}
      </Form.List>
      <Divider />
      <Space>
        <Button type="primary" htmlType="submit">{submitText}</Button>
        {extraButton}
      </Space>
    </Form>
  );
}
