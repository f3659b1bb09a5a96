import { useEffect } from 'react';
import { Checkbox, Col, Form, Input, Modal, Row, Select } from 'antd';
import type { ApiInput, Org, OrgType } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { useSavingAction } from '../../components/useApiError';
import { bojiaLabels } from './labels';

type Fields = Omit<ApiInput<'org.add'>, 'parentId'>;

interface Props {
  open: boolean;
  /** Editing this organisation, or adding under `parent` (null = top level) when undefined. */
  editing?: Org;
  parent?: { id: number; name: string } | null;
  types: OrgType[];
  onClose: () => void;
  onSaved: (org: Org) => void;
}

const emptyFields: Fields = {
  name: '',
  type: null,
  status: 'active',
  bojiaStatus: 'none',
  redCrossNamed: false,
  divisionCode: null,
  foundedOn: null,
  leaderName: null,
  leaderPhone: null,
  termStartedOn: null,
  termEndsOn: null,
  serviceSite: null,
  notes: null,
};

function fieldsOf(org: Org): Fields {
  return {
    name: org.name,
    type: org.type,
    status: org.status === 'preparing' ? 'preparing' : 'active',
    bojiaStatus: org.bojiaStatus,
    redCrossNamed: org.redCrossNamed,
    divisionCode: org.divisionCode,
    foundedOn: org.foundedOn,
    leaderName: org.leaderName,
    leaderPhone: org.leaderPhone,
    termStartedOn: org.termStartedOn,
    termEndsOn: org.termEndsOn,
    serviceSite: org.serviceSite,
    notes: org.notes,
  };
}

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

export function OrgFormModal({ open, editing, parent, types, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Fields>();
  const [saving, run] = useSavingAction();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (!editing) return form.setFieldsValue(emptyFields);
    // Editing needs the real phone number, so the form asks for it explicitly.
    void invoke('org.get', { id: editing.id, reveal: true }).then((org) => form.setFieldsValue(fieldsOf(org)));
  }, [open, editing, form]);

  async function submit(values: Fields) {
    const cleaned = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, blankToNull(v)])) as Fields;
    cleaned.name = values.name;
    const saved = await run(
      () => (editing ? invoke('org.update', { id: editing.id, changes: cleaned }) : invoke('org.add', { ...cleaned, parentId: parent?.id ?? null })),
      editing ? '已保存修改' : '已新增组织',
    );
    if (saved) onSaved(saved);
  }

  const title = editing ? `编辑：${editing.name}` : parent ? `在“${parent.name}”下新增组织` : '新增顶层组织';
  return (
    <Modal open={open} title={title} onCancel={onClose} onOk={() => form.submit()} okText="保存" cancelText="取消" confirmLoading={saving} width={760} destroyOnHidden forceRender>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={emptyFields}>
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
              <Input maxLength={100} autoFocus placeholder="如：转塘街道象山社区红十字会" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="type" label="类型">
              <Select allowClear placeholder="选择类型" options={types.map((t) => ({ value: t.name, label: t.name }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="status" label="状态">
              <Select options={[{ value: 'preparing', label: '筹建' }, { value: 'active', label: '已成立' }]} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="foundedOn" label="成立日期">
              <DateInput disabledFuture />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="divisionCode" label="统计用区划代码（12 位，可不填）" rules={[{ pattern: /^\d{12}$/, message: '应为 12 位数字' }]}>
              <Input maxLength={12} inputMode="numeric" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="leaderName" label="会长/带头人">
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="leaderPhone" label="联系电话">
              <Input maxLength={30} placeholder="手机或 0571-87654321" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="bojiaStatus" label="博爱家园">
              <Select options={Object.entries(bojiaLabels).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="termStartedOn" label="本届开始（换届）日期">
              <DateInput />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="termEndsOn" label="本届届满日期">
              <DateInput />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="redCrossNamed" valuePropName="checked" label=" ">
              <Checkbox>冠名红十字医疗机构</Checkbox>
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="serviceSite" label="服务阵地">
              <Input maxLength={200} placeholder="如：社区红十字服务站（党群服务中心 2 楼）" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="notes" label="备注">
              <Input.TextArea maxLength={2000} rows={2} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
