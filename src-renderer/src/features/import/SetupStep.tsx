import { useEffect, useRef } from 'react';
import { Alert, Button, Card, Checkbox, Form, Progress, Radio, Select, Space, Tag, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import type { ApiOutput, OrgSummary } from '../../../../src-main/core/api/contract';
import { OrgPicker } from '../members/OrgPicker';
import { importKindOptions, kindHasOrgs, type ImportKind } from './kinds';

export type Inspection = ApiOutput<'import.inspect'>;
export type EncodingChoice = 'auto' | 'utf8' | 'gbk';

export interface SetupOptions {
  orgId: number | null;
  scopeOrgId: number | null;
  createOrgsUnder: number | null;
  onDuplicate: 'keep' | 'update' | 'reject';
  createTeams: boolean;
}

export const defaultSetupOptions: SetupOptions = { orgId: null, scopeOrgId: null, createOrgsUnder: null, onDuplicate: 'keep', createTeams: false };

/** The file as far as it got: uploading (with bytes sent), inspecting, read, or refused. */
export type FileStatus =
  | { state: 'none' }
  | { state: 'uploading'; name: string; sent: number; total: number }
  | { state: 'inspecting'; name: string }
  | { state: 'ready'; name: string; size: number; inspection: Inspection }
  | { state: 'failed'; name: string; message: string };

interface Props {
  kind: ImportKind;
  onKind: (kind: ImportKind) => void;
  file: FileStatus;
  onPickFile: (file: File) => void;
  sheet: string | undefined;
  onSheet: (sheet: string) => void;
  encoding: EncodingChoice;
  onEncoding: (encoding: EncodingChoice) => void;
  options: SetupOptions;
  onOptions: (options: SetupOptions) => void;
  orgs: OrgSummary[];
  onPreview: () => void;
}

const duplicateOptions = [
  { value: 'keep', label: '保留台账中的（默认）' },
  { value: 'update', label: '用表格内容更新' },
  { value: 'reject', label: '拒绝该行' },
];

const encodingOptions = [
  { value: 'auto', label: '自动识别' },
  { value: 'utf8', label: 'UTF-8' },
  { value: 'gbk', label: 'GBK（国标）' },
];

const kb = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** Step 1: what is imported, from which file and sheet, and how organisations and duplicates are handled. */
function separatorLabel(delimiter: string | null): string {
  return delimiter === '\t' ? '，制表符分隔' : delimiter === ';' ? '，分号分隔' : delimiter ? '，逗号分隔' : '';
}

export function SetupStep({ kind, onKind, file, onPickFile, sheet, onSheet, encoding, onEncoding, options, onOptions, orgs, onPreview }: Props) {
  const set = (patch: Partial<SetupOptions>) => onOptions({ ...options, ...patch });
  const busy = file.state === 'uploading' || file.state === 'inspecting';
  const inspection = file.state === 'ready' ? file.inspection : null;
  const chosenSheet = inspection?.sheets.find((s) => s.name === sheet);
  // The file box is disabled while the file uploads and is read, which drops the keyboard focus to
  // the page; once it is read (or refused) the focus goes back to the box, where the clerk was.
  const fileBox = useRef<HTMLDivElement>(null);
  const wasBusy = useRef(false);
  useEffect(() => {
    if (wasBusy.current && !busy) fileBox.current?.querySelector<HTMLElement>('.ant-upload[tabindex]')?.focus();
    wasBusy.current = busy;
  }, [busy]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 880 }}>
      <Card size="small" title="1. 导入什么">
        <Radio.Group aria-label="导入类别" optionType="button" options={importKindOptions} value={kind} onChange={(e) => onKind(e.target.value as ImportKind)} />
      </Card>

      <Card size="small" title="2. 选择文件">
        <div ref={fileBox}>
        <Upload.Dragger
          accept=".xlsx,.xls,.csv,.txt"
          multiple={false}
          showUploadList={false}
          disabled={busy}
          beforeUpload={(picked) => {
            onPickFile(picked);
            return Upload.LIST_IGNORE;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">点击选择文件，或把文件拖到这里</p>
          <p className="ant-upload-hint">支持 Excel（.xlsx）和 CSV/文本（.csv、.txt，逗号或制表符分隔，含 Excel 另存的“Unicode 文本”）；WPS 表格请保存为 .xlsx</p>
        </Upload.Dragger>
        </div>
        <div style={{ marginTop: 12 }}>
          {file.state === 'uploading' && (
            <div role="status">
              <Typography.Text>正在上传“{file.name}”……</Typography.Text>
              <Progress percent={file.total ? Math.floor((file.sent / file.total) * 100) : 0} status="active" aria-label="上传进度" />
            </div>
          )}
          {file.state === 'inspecting' && <Typography.Text role="status">正在读取“{file.name}”……</Typography.Text>}
          {file.state === 'failed' && <Alert type="error" showIcon title={`无法读取“${file.name}”`} description={file.message} />}
          {inspection && file.state === 'ready' && (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Typography.Text>
                已选择 <Typography.Text strong>{file.name}</Typography.Text>（{kb(file.size)}，{inspection.format === 'csv' ? 'CSV 文本' : 'Excel 工作簿'}）
              </Typography.Text>
              <Form layout="inline">
                {inspection.format === 'xlsx' && (
                  <Form.Item label="工作表" htmlFor="import-sheet">
                    <Select
                      id="import-sheet"
                      style={{ minWidth: 240 }}
                      value={sheet}
                      onChange={onSheet}
                      options={inspection.sheets.map((s) => ({
                        value: s.name,
                        label: (
                          <span>
                            {s.name}
                            {s.name === inspection.suggestedSheet && <Tag style={{ marginInlineStart: 8 }} color="green">最像名册</Tag>}
                            {s.hidden && <Tag style={{ marginInlineStart: 8 }}>隐藏</Tag>}
                            {!s.headerFound && <Tag style={{ marginInlineStart: 8 }}>未找到表头</Tag>}
                          </span>
                        ),
                      }))}
                    />
                  </Form.Item>
                )}
                {inspection.format === 'csv' && (inspection.encoding === 'utf16le' || inspection.encoding === 'utf16be') && (
                  // The BOM says it for certain: nothing to choose.
                  <Form.Item label="文字编码">
                    <Typography.Text>Unicode 文本（UTF-16）{separatorLabel(inspection.delimiter)}</Typography.Text>
                  </Form.Item>
                )}
                {inspection.format === 'csv' && inspection.encoding !== 'utf16le' && inspection.encoding !== 'utf16be' && (
                  <Form.Item label="文字编码" htmlFor="import-encoding" extra={`识别为 ${inspection.encoding === 'gb18030' ? 'GBK（国标）' : 'UTF-8'}${separatorLabel(inspection.delimiter)}；若预览中出现乱码，请改选另一种。`}>
                    <Select id="import-encoding" style={{ width: 160 }} value={encoding} onChange={onEncoding} options={encodingOptions} />
                  </Form.Item>
                )}
              </Form>
              {chosenSheet && !chosenSheet.headerFound && <Alert type="warning" showIcon title={inspection?.format === 'csv' ? `文件“${file.name}”中没有找到表头行，请确认选对了文件和导入类型。` : `工作表“${chosenSheet.name}”中没有找到表头行，请确认选对了工作表。`} />}
            </Space>
          )}
        </div>
      </Card>

      <Card size="small" title="3. 导入设置">
        <Form layout="vertical" style={{ maxWidth: 560 }}>
          {kindHasOrgs(kind) && (
            <>
              <Form.Item label="默认所属组织" htmlFor="import-org" extra="表格中没有写组织的行归入此组织；整张表没有组织列时，全部归入此组织。">
                <OrgPicker id="import-org" aria-label="默认所属组织" orgs={orgs} openOnly allowClear placeholder="不指定" value={options.orgId ?? undefined} onChange={(v) => set({ orgId: v ?? null })} />
              </Form.Item>
              <Form.Item label="匹配范围" htmlFor="import-scope" extra="表格中的组织名称只在这个乡镇（街道）及其下级中查找，可避免同名的村或学校对错。">
                <OrgPicker id="import-scope" aria-label="匹配范围" orgs={orgs} allowClear placeholder="全县" value={options.scopeOrgId ?? undefined} onChange={(v) => set({ scopeOrgId: v ?? null })} />
              </Form.Item>
              <Form.Item label="新组织建在" htmlFor="import-create-under" extra="台账中没有的组织名称，新建在此组织下；不选时这些行会被拒绝，也可以在预览中逐个处理。">
                <OrgPicker id="import-create-under" aria-label="新组织建在" orgs={orgs} openOnly allowClear placeholder="不新建" value={options.createOrgsUnder ?? undefined} onChange={(v) => set({ createOrgsUnder: v ?? null })} />
              </Form.Item>
            </>
          )}
          <Form.Item label="重复人员处理" htmlFor="import-duplicates" extra="表格中的人已在台账中时怎么办。">
            <Select id="import-duplicates" value={options.onDuplicate} onChange={(v) => set({ onDuplicate: v })} options={duplicateOptions} style={{ width: 240 }} />
          </Form.Item>
          {kind === 'volunteers' && (
            <Form.Item extra="不勾选时，台账中没有的服务队不会新建，志愿者照常导入但不加入该队，并给出提示。">
              <Checkbox checked={options.createTeams} onChange={(e) => set({ createTeams: e.target.checked })}>
                新建不存在的服务队
              </Checkbox>
            </Form.Item>
          )}
        </Form>
      </Card>

      <Button type="primary" size="large" disabled={!inspection || busy} onClick={onPreview}>
        预览导入结果
      </Button>
      {!inspection && !busy && <Typography.Text type="secondary">请先选择要导入的文件。</Typography.Text>}
    </Space>
  );
}
