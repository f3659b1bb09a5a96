import { useState } from 'react';
import { Alert, Button, Checkbox, Modal, Progress, Space, Typography } from 'antd';
import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import type { ExportFilter, ExportKind } from '../../../src-main/core/api/contract';
import { invoke } from '../api/client';
import { downloadFile } from '../api/files';
import { useApiAction } from './useApiError';

// 导出 Excel with the screen's current filter, and 下载导入模板, for every roster screen. Full ID
// numbers are opt-in per export, with a warning, because the file leaves the ledger's control.

const kindLabels: Record<ExportKind, string> = {
  members: '个人会员',
  'youth-members': '青少年会员',
  'group-members': '团体会员',
  volunteers: '注册志愿者',
  teams: '志愿服务队',
  hours: '志愿服务时长',
  orgs: '基层组织',
};

/** Screens hold ids and labels; the export takes only the filter fields it knows, without empty ones. */
function cleanFilter(filter: Record<string, unknown>): ExportFilter {
  return Object.fromEntries(Object.entries(filter).filter(([k, v]) => v !== undefined && v !== '' && v !== null && !['sort', 'limit', 'after'].includes(k))) as ExportFilter;
}

export function ExportActions({ kind, filter = {}, personal = true }: { kind: ExportKind; filter?: Record<string, unknown>; personal?: boolean }) {
  const run = useApiAction();
  const [open, setOpen] = useState(false);
  const [fullId, setFullId] = useState(false);
  const [busy, setBusy] = useState(false);
  const [percent, setPercent] = useState<number | null>(null);
  const [templateBusy, setTemplateBusy] = useState(false);

  const start = async () => {
    setBusy(true);
    setPercent(0);
    const result = await run(async () => {
      const ref = await invoke('export.roster', { kind, filter: cleanFilter(filter), fullId: personal && fullId });
      setPercent(50);
      await downloadFile(ref.token, ref.fileName, (done, total) => setPercent(50 + Math.round((done / Math.max(total, 1)) * 50)));
      return ref;
    }, undefined);
    setBusy(false);
    setPercent(null);
    if (result) {
      setOpen(false);
      setFullId(false);
    }
  };

  const template = async () => {
    setTemplateBusy(true);
    await run(async () => {
      const ref = await invoke('export.template', { kind });
      await downloadFile(ref.token, ref.fileName);
    });
    setTemplateBusy(false);
  };

  return (
    <>
      <Button icon={<FileExcelOutlined />} onClick={() => setOpen(true)}>
        导出 Excel
      </Button>
      <Button icon={<DownloadOutlined />} loading={templateBusy} onClick={() => void template()}>
        下载导入模板
      </Button>
      <Modal
        title={`导出${kindLabels[kind]}名单`}
        open={open}
        okText="导出"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void start()}
        onCancel={() => !busy && setOpen(false)}
        destroyOnHidden
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>按当前筛选条件导出为 Excel（.xlsx），第一行为列名，可直接用于导入。</Typography.Text>
          {personal && (
            <>
              <Checkbox checked={fullId} onChange={(e) => setFullId(e.target.checked)} disabled={busy}>
                包含完整身份证号
              </Checkbox>
              {fullId ? (
                <Alert type="warning" showIcon title="文件将含完整的身份证号码和手机号码，请妥善保管，不要通过群聊转发。" />
              ) : (
                <Typography.Text type="secondary">默认隐去身份证号码和手机号码的中间几位。</Typography.Text>
              )}
            </>
          )}
          {percent !== null && <Progress percent={percent} size="small" aria-label="导出进度" />}
        </Space>
      </Modal>
    </>
  );
}
