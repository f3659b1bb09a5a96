import { useState } from 'react';
import { Alert, App, Button, Col, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Typography } from 'antd';
import { DeleteOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { ServiceRecord, Team } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { useKeysetPages } from '../../components/roster/useKeysetPages';
import { VirtualRoster } from '../../components/roster/VirtualRoster';
import { serviceColumns } from './serviceColumns';
import { useApiAction } from '../../components/useApiError';
import { VolunteerPicker } from './VolunteerPicker';
import { ExportActions } from '../../components/ExportActions';
import { ImportButton } from '../import/ImportLauncher';
import { ledgerToday } from '../../components/ledgerToday';

interface Props {
  teams: Team[];
  categories: string[];
  reloadToken: number;
  onChanged: () => void;
}

/** 志愿服务记录, newest first, a virtualised keyset roster; and the form that records an activity's hours. */
export function ServiceTab({ teams, categories, reloadToken, onChanged }: Props) {
  const services = useKeysetPages('service.list', {}, reloadToken);
  const [recording, setRecording] = useState(false);
  const [openRecord, setOpenRecord] = useState<ServiceRecord | null>(null);
  const { modal } = App.useApp();
  const run = useApiAction();

  async function open(id: number) {
    const record = await run(() => invoke('service.get', { id }));
    if (record) setOpenRecord(record);
  }

  function remove(record: ServiceRecord) {
    modal.confirm({
      title: `删除“${record.title}”（${record.heldOn}）？`,
      content: `将删除这次活动及 ${record.volunteerCount} 名志愿者共 ${record.hours} 小时的服务时长。删除的内容保留在变更记录中；已授予的星级不受影响。`,
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        if (await run(() => invoke('service.delete', { id: record.id }), '已删除')) {
          setOpenRecord(null);
          onChanged();
        }
      },
    });
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
        <ExportActions kind="hours" />
        <ImportButton kind="hours" />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)}>
          记录服务时长
        </Button>
      </Space>
      <div style={{ display: 'flex', flexDirection: 'column', height: 'calc(100vh - 200px)', minHeight: 320 }}>
        <VirtualRoster label="服务记录列表" emptyText="还没有服务记录" columns={serviceColumns} pages={services} onOpen={(id) => void open(id)} />
      </div>
      {recording && (
        <RecordHoursModal
          teams={teams}
          categories={categories}
          onClose={() => setRecording(false)}
          onSaved={() => {
            setRecording(false);
            onChanged();
          }}
        />
      )}
      {openRecord && (
        <Modal
          open
          title={`${openRecord.heldOn} ${openRecord.title}`}
          onCancel={() => setOpenRecord(null)}
          footer={[
            <Button key="delete" danger icon={<DeleteOutlined />} onClick={() => remove(openRecord)}>
              删除
            </Button>,
            <Button key="close" onClick={() => setOpenRecord(null)}>
              关闭
            </Button>,
          ]}
          width={640}
        >
          <p>
            {openRecord.teamName} · {openRecord.category} · {openRecord.place ?? '地点未填'} · 受益 {openRecord.households ?? '—'} 户 / {openRecord.people ?? '—'} 人
          </p>
          <Table
            size="small"
            rowKey="volunteerId"
            pagination={false}
            dataSource={openRecord.entries}
            columns={[
              { title: '志愿者', dataIndex: 'name' },
              { title: '证件号码', dataIndex: 'idNumber', render: (v: string | null) => v ?? '—' },
              { title: '时长（小时）', dataIndex: 'hours', align: 'right' },
            ]}
          />
        </Modal>
      )}
    </Space>
  );
}

interface Fields {
  heldOn: string | null;
  teamId?: number;
  category?: string;
  title?: string;
  place?: string;
  households?: number | null;
  people?: number | null;
  entries: Array<{ volunteerId?: number; hours?: number | null }>;
}

/** One activity with several volunteers' hours; the backend's refusal reasons are listed in the form. */
function RecordHoursModal({ teams, categories, onClose, onSaved }: { teams: Team[]; categories: string[]; onClose: () => void; onSaved: (r: ServiceRecord) => void }) {
  const [form] = Form.useForm<Fields>();
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const { message } = App.useApp();

  async function submit(values: Fields) {
    setSaving(true);
    setProblems([]);
    try {
      const saved = await invoke('service.add', {
        heldOn: values.heldOn ?? '',
        teamId: values.teamId!,
        category: values.category ?? '',
        title: values.title?.trim() || null,
        place: values.place?.trim() || null,
        households: values.households ?? null,
        people: values.people ?? null,
        entries: values.entries.map((e) => ({ volunteerId: e.volunteerId!, hours: e.hours ?? 0 })),
      });
      void message.success(`已记录“${saved.title}”：${saved.volunteerCount} 人共 ${saved.hours} 小时`);
      onSaved(saved);
    } catch (error) {
      // "服务时长不合理，未保存：第 1 行（…）：…；第 2 行…。" → one line per reason.
      const text = (error as Error).message;
      const [head, body] = text.includes('：第') ? [text.slice(0, text.indexOf('：')), text.slice(text.indexOf('：') + 1)] : [null, text];
      setProblems([...(head ? [head] : []), ...body.replace(/。$/, '').split('；')]);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal open title="记录服务时长" onCancel={onClose} onOk={() => form.submit()} okText="保存" cancelText="取消" confirmLoading={saving} width={760}>
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={problems[0]}
          description={problems.length > 1 ? <ul style={{ margin: 0, paddingInlineStart: 20 }}>{problems.slice(1).map((p) => <li key={p}>{p}</li>)}</ul> : undefined}
        />
      )}
      <Form form={form} name="service-add" layout="vertical" onFinish={submit} initialValues={{ heldOn: ledgerToday(), entries: [{}] }}>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="heldOn" label="服务日期" rules={[{ required: true, message: '请选择服务日期' }]}>
              <DateInput disabledFuture />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="teamId" label="服务队" rules={[{ required: true, message: '请选择服务队' }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={teams.filter((t) => t.status === 'active').map((t) => ({ value: t.id, label: t.name }))} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="category" label="活动类别" rules={[{ required: true, message: '请选择活动类别' }]}>
              <Select options={categories.map((c) => ({ value: c, label: c }))} />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="title" label="活动名称" extra="不填则用活动类别">
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="place" label="地点">
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="households" label="受益户数">
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="people" label="受益人数">
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>参与志愿者及服务时长</Typography.Text>
        <Form.List name="entries">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((field, index) => (
                <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                  <span style={{ width: 48 }}>第 {index + 1} 行</span>
                  <Form.Item name={[field.name, 'volunteerId']} rules={[{ required: true, message: '请选择志愿者' }]} style={{ width: 360 }}>
                    <VolunteerPicker aria-label={`第 ${index + 1} 行志愿者`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'hours']} rules={[{ required: true, message: '请填写时长' }]}>
                    <InputNumber aria-label={`第 ${index + 1} 行时长`} min={0} step={0.5} suffix="小时" style={{ width: 140 }} />
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined aria-label="删除此行" onClick={() => remove(field.name)} />}
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                添加志愿者
              </Button>
            </div>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
