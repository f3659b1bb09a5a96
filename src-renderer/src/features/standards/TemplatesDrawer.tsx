import { useState } from 'react';
import { App, Button, Drawer, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import type { ChecklistTemplate, OrgType } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { useApiAction, useSavingAction } from '../../components/useApiError';
import { TemplateBadges } from './TemplateBadges';

interface Props {
  open: boolean;
  template: ChecklistTemplate | null;
  types: OrgType[];
  onClose: () => void;
  /** A template was imported or saved as a new version: reload the list and select it. */
  onChanged: (templateId: number) => void;
}

/** Template management: the items of the chosen template, import/export of template files, edit → new version. */
export function TemplatesDrawer({ open, template, types, onClose, onChanged }: Props) {
  const run = useApiAction();
  const { modal } = App.useApp();
  const [editing, setEditing] = useState(false);

  const importFile = async (file: File, replace = false): Promise<void> => {
    const text = await file.text();
    try {
      const t = await invoke('checklist.importTemplate', { text, replace });
      onChanged(t.id);
      void modal.success({ title: `已导入模板“${t.name}”第 ${t.version} 版` });
    } catch (error) {
      const message = (error as Error).message;
      if (!replace && message.includes('明确选择替换')) {
        modal.confirm({ title: '替换同版本模板？', content: message, okText: '替换', cancelText: '取消', onOk: () => importFile(file, true) });
      } else {
        void modal.error({ title: '模板文件未导入', content: message });
      }
    }
  };

  const exportFile = async () => {
    if (!template) return;
    const value = await run(() => invoke('checklist.exportTemplate', { templateId: template.id }));
    if (!value) return;
    const url = URL.createObjectURL(new Blob([value.text], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = value.fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };

  return (
    <Drawer open={open} onClose={onClose} size={820} title="模板管理" destroyOnHidden>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button onClick={() => void exportFile()} disabled={!template}>导出模板文件</Button>
        <label>
          <input
            type="file"
            accept=".json,application/json"
            aria-label="导入模板文件"
            style={{ display: 'none' }}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importFile(file);
            }}
          />
          <Button onClick={(e) => ((e.currentTarget.previousSibling as HTMLInputElement | null)?.click())}>导入模板文件</Button>
        </label>
        <Button type="primary" disabled={!template} onClick={() => setEditing(true)}>编辑（另存为新版本）</Button>
      </Space>
      {template && (
        <>
          <Typography.Title level={5}>
            {template.name}（第 {template.version} 版）<TemplateBadges template={template} />
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            发布单位：{template.issuer ?? '—'}；生效日期：{template.effectiveOn ?? '未设定（始终适用，直至有更新版本生效）'}
          </Typography.Paragraph>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={template.items}
            columns={[
              { title: '序号', dataIndex: 'seq', width: 56 },
              { title: '检查项', dataIndex: 'title' },
              { title: '方式', dataIndex: 'mode', width: 72, render: (m: string) => (m === 'auto' ? '自动' : '人工') },
              { title: '判断依据', dataIndex: 'ruleText' },
              { title: '适用类型', dataIndex: 'appliesTo', render: (a: string[]) => (a.length === 0 ? '全部' : a.join('、')) },
            ]}
          />
        </>
      )}
      {template && editing && (
        <EditTemplateModal
          template={template}
          types={types}
          onClose={() => setEditing(false)}
          onSaved={(id) => {
            setEditing(false);
            onChanged(id);
          }}
        />
      )}
    </Drawer>
  );
}

interface EditValues {
  name: string;
  version: string;
  issuer: string;
  effectiveOn: string | null;
  items: Array<{ seq: number; title: string; description: string; mode: 'auto' | 'manual'; rule: string; appliesTo: string[] }>;
}

/** Rules are edited as JSON of the rule vocabulary; the backend checks them and names any problem. */
function EditTemplateModal({ template, types, onClose, onSaved }: { template: ChecklistTemplate; types: OrgType[]; onClose: () => void; onSaved: (id: number) => void }) {
  const [form] = Form.useForm<EditValues>();
  const [saving, save] = useSavingAction();
  const initial: EditValues = {
    name: template.name,
    version: '',
    issuer: template.issuer ?? '',
    effectiveOn: null,
    items: template.items.map((i) => ({ seq: i.seq, title: i.title, description: i.description ?? '', mode: i.mode, rule: i.rule ? JSON.stringify(i.rule) : '', appliesTo: i.appliesTo })),
  };
  const submit = async (v: EditValues) => {
    const saved = await save(async () => {
      const items = v.items.map((i) => {
        let rule: unknown;
        if (i.mode === 'auto') {
          try {
            rule = JSON.parse(i.rule);
          } catch {
            throw new Error(`第 ${i.seq} 项“${i.title}”的规则不是有效的 JSON。`);
          }
        }
        return { seq: Number(i.seq), title: i.title, description: i.description || null, mode: i.mode, ...(i.mode === 'auto' ? { rule } : {}), appliesTo: i.appliesTo };
      });
      return invoke('checklist.saveTemplate', { template: { code: template.code, name: v.name, issuer: v.issuer || null, version: v.version, effectiveOn: v.effectiveOn, items } });
    }, '已另存为新版本');
    if (saved) onSaved(saved.id);
  };
  return (
    <Modal open title={`编辑“${template.code}”——保存为新版本`} width={900} onCancel={onClose} onOk={() => form.submit()} okText="保存为新版本" cancelText="取消" confirmLoading={saving} destroyOnHidden>
      <Typography.Paragraph type="secondary">原版本及其核查记录保持不变；新版本自生效日期起用于达标检查（生效日期留空则自今天起生效）。人工核查项标题不变的，原有核查记录在新版本中继续有效。</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)}>
        <Space wrap>
          <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}><Input style={{ width: 320 }} /></Form.Item>
          <Form.Item name="version" label="新版本号" rules={[{ required: true, message: '请填写新版本号，如 2026' }]}><Input style={{ width: 120 }} /></Form.Item>
          <Form.Item name="effectiveOn" label="生效日期" tooltip="留空则自今天起生效"><DateInput /></Form.Item>
          <Form.Item name="issuer" label="发布单位"><Input style={{ width: 240 }} /></Form.Item>
        </Space>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Space key={field.key} align="start" wrap style={{ borderTop: '1px solid #f0f0f0', paddingTop: 8 }}>
                  <Form.Item name={[field.name, 'seq']} label="序号"><Input type="number" style={{ width: 64 }} /></Form.Item>
                  <Form.Item name={[field.name, 'title']} label="检查项" rules={[{ required: true, message: '请填写' }]}><Input style={{ width: 200 }} /></Form.Item>
                  <Form.Item name={[field.name, 'mode']} label="方式"><Select style={{ width: 84 }} options={[{ value: 'auto', label: '自动' }, { value: 'manual', label: '人工' }]} /></Form.Item>
                  <Form.Item name={[field.name, 'rule']} label="规则（自动项，JSON）"><Input style={{ width: 220 }} placeholder='{"kind":"hasLeader"}' /></Form.Item>
                  <Form.Item name={[field.name, 'appliesTo']} label="适用类型（空 = 全部）"><Select mode="multiple" style={{ width: 200 }} options={types.map((t) => ({ value: t.name, label: t.name }))} /></Form.Item>
                  <Form.Item name={[field.name, 'description']} label="说明"><Input style={{ width: 200 }} /></Form.Item>
                  <Button danger type="link" onClick={() => remove(field.name)} aria-label={`删除第 ${index + 1} 项`}>删除</Button>
                </Space>
              ))}
              <Button onClick={() => add({ seq: fields.length + 1, title: '', description: '', mode: 'manual', rule: '', appliesTo: [] })}>添加检查项</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
