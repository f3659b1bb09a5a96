import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Empty, Form, Input, Modal, Radio, Space, Spin, Tag, Timeline, Typography, Upload, type UploadFile } from 'antd';
import type { ApiOutput, ChecklistCell } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { uploadFile } from '../../api/files';
import { DateInput } from '../../components/DateInput';
import { useApiAction, useSavingAction } from '../../components/useApiError';
import { cellLabels, checkLabels } from './labels';
import { PdfPreview } from './PdfPreview';

type Evidence = ApiOutput<'checklist.evidence'>;

interface Props {
  target: { orgId: number; itemId: number } | null;
  /** null = the ledger's today. */
  asOf: string | null;
  clerkName: string;
  onClose: () => void;
  /** After a check is recorded, so the matrix reloads. */
  onRecorded: () => void;
}

/** One cell: why it has its state, the history of manual checks with evidence, and a form to record one. */
export function CellDrawer({ target, asOf, clerkName, onClose, onRecorded }: Props) {
  const [cell, setCell] = useState<ChecklistCell | null>(null);
  const [preview, setPreview] = useState<Evidence | null>(null);
  const run = useApiAction();
  const load = useCallback(async () => {
    if (!target) return;
    setCell(null);
    const value = await run(() => invoke('checklist.cell', { ...target, ...(asOf ? { asOf } : {}) }));
    if (value) setCell(value);
  }, [target, asOf, run]);
  useEffect(() => {
    void load();
  }, [load]);

  const openEvidence = async (evidenceId: number) => {
    const value = await run(() => invoke('checklist.evidence', { evidenceId }));
    if (value) setPreview(value);
  };

  return (
    <Drawer open={target !== null} onClose={onClose} size={560} title={cell ? `${cell.orgName} · ${cell.itemTitle}` : '达标情况'} destroyOnHidden>
      {!cell ? (
        <Spin />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="检查日期">{cell.asOf}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <Tag color={cellLabels[cell.status].color}>{cellLabels[cell.status].text}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="判断依据">{cell.ruleText}</Descriptions.Item>
            <Descriptions.Item label="原因">{cell.reason}</Descriptions.Item>
          </Descriptions>
          {cell.mode === 'manual' && (
            <>
              <Typography.Title level={5}>核查记录</Typography.Title>
              {cell.history.length === 0 ? (
                <Empty description="尚无核查记录" />
              ) : (
                <Timeline
                  items={cell.history.map((h) => ({
                    color: h.inForce ? 'blue' : 'gray',
                    content: (
                      <div>
                        <div>
                          {h.checkedOn} {checkLabels[h.status]}（{h.checkedBy}）{h.inForce && <Tag color="blue">检查日期适用</Tag>}
                        </div>
                        {h.note && <Typography.Text type="secondary">{h.note}</Typography.Text>}
                        <div>
                          {h.evidence.map((e) => (
                            <Button key={e.id} size="small" type="link" onClick={() => void openEvidence(e.id)}>
                              查看证明材料：{e.name}
                            </Button>
                          ))}
                        </div>
                      </div>
                    ),
                  }))}
                />
              )}
              <CheckForm
                clerkName={clerkName}
                onSubmit={async (values) => {
                  await invoke('checklist.setStatus', { orgId: cell.orgId, itemId: cell.itemId, ...values });
                  await load();
                  onRecorded();
                }}
              />
            </>
          )}
          {cell.mode === 'auto' && <Alert type="info" showIcon title="此项由台账数据自动判断；如结果不符，请修改对应的组织、会员、志愿者或活动记录。" />}
        </Space>
      )}
      <EvidencePreview evidence={preview} onClose={() => setPreview(null)} />
    </Drawer>
  );
}

interface CheckValues {
  status: 'met' | 'not_met' | 'not_applicable';
  checkedOn: string;
  checkedBy: string;
  note: string;
}

function CheckForm({ clerkName, onSubmit }: { clerkName: string; onSubmit: (values: { status: CheckValues['status']; checkedOn?: string; checkedBy: string; note: string; evidenceUploadIds: string[] }) => Promise<void> }) {
  const [form] = Form.useForm<CheckValues>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [saving, save] = useSavingAction();
  const submit = async (values: CheckValues) => {
    const done = await save(async () => {
      const evidenceUploadIds: string[] = [];
      for (const f of files) evidenceUploadIds.push((await uploadFile(f.originFileObj as File)).uploadId);
      await onSubmit({ status: values.status, checkedOn: values.checkedOn || undefined, checkedBy: values.checkedBy, note: values.note ?? '', evidenceUploadIds });
      return true;
    }, '已记录核查结果');
    if (done) {
      form.resetFields();
      setFiles([]);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ status: 'met', checkedBy: clerkName }} aria-label="记录核查结果">
      <Typography.Title level={5}>记录核查结果</Typography.Title>
      <Form.Item name="status" label="核查结果" rules={[{ required: true }]}>
        <Radio.Group options={[{ value: 'met', label: '达标' }, { value: 'not_met', label: '未达标' }, { value: 'not_applicable', label: '不适用' }]} />
      </Form.Item>
      <Form.Item name="checkedOn" label="核查日期（默认今天）">
        <DateInput disabledFuture />
      </Form.Item>
      <Form.Item name="checkedBy" label="核查人" rules={[{ required: true, message: '请填写核查人' }]}>
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item name="note" label="说明">
        <Input.TextArea maxLength={500} rows={2} />
      </Form.Item>
      <Form.Item label="证明材料（JPG、PNG 或 PDF）">
        <Upload
          accept=".jpg,.jpeg,.png,.pdf"
          multiple
          fileList={files}
          beforeUpload={() => false}
          onChange={({ fileList }) => setFiles(fileList)}
        >
          <Button>选择文件</Button>
        </Upload>
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving}>
        保存核查结果
      </Button>
    </Form>
  );
}

function EvidencePreview({ evidence, onClose }: { evidence: Evidence | null; onClose: () => void }) {
  const download = () => {
    if (!evidence?.dataUrl) return;
    const link = document.createElement('a');
    link.href = evidence.dataUrl;
    link.download = evidence.name;
    link.click();
  };
  return (
    <Modal open={evidence !== null} onCancel={onClose} footer={null} width={720} title={evidence ? `证明材料：${evidence.name}` : ''} destroyOnHidden>
      {evidence && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {evidence.problem ? <Alert type="error" showIcon title={evidence.problem} /> : <Alert type="success" showIcon title={`文件完整（SHA-256 ${evidence.sha256.slice(0, 16)}…）`} />}
          {evidence.dataUrl && evidence.mimeType.startsWith('image/') && <img src={evidence.dataUrl} alt={evidence.name} style={{ maxWidth: '100%', imageRendering: 'auto' }} />}
          {evidence.dataUrl && evidence.mimeType === 'application/pdf' && (
            <>
              <Button onClick={download}>保存 PDF 到本机（{Math.ceil(evidence.size / 1024)} KB）</Button>
              <PdfPreview dataUrl={evidence.dataUrl} name={evidence.name} />
            </>
          )}
        </Space>
      )}
    </Modal>
  );
}
