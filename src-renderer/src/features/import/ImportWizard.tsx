import { useCallback, useState } from 'react';
import { Alert, App, Space, Steps } from 'antd';
import type { ApiInput, ImportPreview, ImportResult, OrgChoice } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { downloadFile, uploadFile } from '../../api/files';
import { useSavingAction } from '../../components/useApiError';
import { useOrgList } from '../../components/useOrgList';
import { JobProgress } from './JobProgress';
import { importKindLabels, rowUnit, type ImportKind } from './kinds';
import { sameChoices, toOrgChoices, type DraftChoice } from './org-choices';
import { PreviewStep, rowsToImport } from './PreviewStep';
import { ResultStep } from './ResultStep';
import { defaultSetupOptions, SetupStep, type EncodingChoice, type FileStatus, type SetupOptions } from './SetupStep';
import { useJob } from './useJob';

type Stage = 'setup' | 'preview' | 'result';
interface Uploaded {
  uploadId: string;
  name: string;
  size: number;
}

const stageIndex: Record<Stage, number> = { setup: 0, preview: 1, result: 2 };
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

interface Props {
  initialKind: ImportKind;
  onShowHistory: () => void;
}

/**
 * The import wizard: choose the kind and file (uploaded in chunks, then inspected), set the
 * options, read the preview job's result and correct it, then commit it as one job. Every
 * backend refusal is shown in Chinese where it happened; a cancelled job changes nothing.
 */
export function ImportWizard({ initialKind, onShowHistory }: Props) {
  const { modal, message } = App.useApp();
  const orgs = useOrgList();
  const job = useJob();
  const [downloading, download] = useSavingAction();

  const [kind, setKind] = useState<ImportKind>(initialKind);
  const [upload, setUpload] = useState<Uploaded | null>(null);
  const [file, setFile] = useState<FileStatus>({ state: 'none' });
  const [sheet, setSheet] = useState<string | undefined>();
  const [encoding, setEncoding] = useState<EncodingChoice>('auto');
  const [options, setOptions] = useState<SetupOptions>(defaultSetupOptions);
  const [mapping, setMapping] = useState<Record<string, string | null>>({});
  const [drafts, setDrafts] = useState<Record<string, DraftChoice>>({});
  const [appliedChoices, setAppliedChoices] = useState<Record<string, OrgChoice>>({});

  const [stage, setStage] = useState<Stage>('setup');
  const [running, setRunning] = useState<'preview' | 'commit' | null>(null);
  const [preview, setPreview] = useState<{ jobId: string; preview: ImportPreview } | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const inspect = useCallback(async (uploaded: Uploaded, forKind: ImportKind, forEncoding: EncodingChoice) => {
    setFile({ state: 'inspecting', name: uploaded.name });
    try {
      const inspection = await invoke('import.inspect', { uploadId: uploaded.uploadId, kind: forKind, encoding: forEncoding === 'auto' ? undefined : forEncoding });
      setFile({ state: 'ready', name: uploaded.name, size: uploaded.size, inspection });
      setSheet(inspection.suggestedSheet ?? inspection.sheets[0]?.name);
    } catch (error) {
      setFile({ state: 'failed', name: uploaded.name, message: messageOf(error) });
    }
  }, []);

  /** The upload beside the ledger may hold full ID numbers: dropped as soon as nothing will read it. */
  function discardUpload(uploaded: Uploaded | null) {
    if (uploaded) invoke('file.uploadDiscard', { uploadId: uploaded.uploadId }).catch(() => undefined);
  }

  /** Anything learnt from an earlier preview no longer applies. */
  function forgetPreview() {
    setPreview(null);
    setMapping({});
    setDrafts({});
    setAppliedChoices({});
    setFailure(null);
    setStage('setup');
  }

  async function pickFile(picked: File) {
    forgetPreview();
    discardUpload(upload);
    setUpload(null);
    setEncoding('auto');
    setFile({ state: 'uploading', name: picked.name, sent: 0, total: picked.size });
    let uploaded: Uploaded;
    try {
      uploaded = await uploadFile(picked, (sent: number, total: number) => setFile({ state: 'uploading', name: picked.name, sent, total }));
    } catch (error) {
      setFile({ state: 'failed', name: picked.name, message: messageOf(error) });
      return;
    }
    setUpload(uploaded);
    await inspect(uploaded, kind, 'auto');
  }

  function changeKind(next: ImportKind) {
    setKind(next);
    forgetPreview();
    if (upload) void inspect(upload, next, encoding);
  }

  function changeEncoding(next: EncodingChoice) {
    setEncoding(next);
    forgetPreview();
    if (upload) void inspect(upload, kind, next);
  }

  async function runPreview(overrides: { mapping?: Record<string, string | null>; createTeams?: boolean; choices?: Record<string, OrgChoice> } = {}) {
    if (!upload || file.state !== 'ready') return;
    const useMapping = overrides.mapping ?? mapping;
    const orgChoices = overrides.choices ?? toOrgChoices(drafts);
    const input: ApiInput<'import.preview'> = {
      uploadId: upload.uploadId,
      kind,
      sheet: file.inspection.format === 'xlsx' ? sheet : undefined,
      encoding: encoding === 'auto' ? undefined : encoding,
      mapping: Object.keys(useMapping).length > 0 ? useMapping : undefined,
      orgId: options.orgId,
      scopeOrgId: options.scopeOrgId,
      createOrgsUnder: options.createOrgsUnder,
      orgChoices,
      onDuplicate: options.onDuplicate,
      createTeams: overrides.createTeams ?? options.createTeams,
    };
    setFailure(null);
    setRunning('preview');
    try {
      const final = await job.run(() => invoke('import.preview', input));
      if (!final) return;
      if (final.state === 'done' && final.preview) {
        setPreview({ jobId: final.jobId, preview: final.preview });
        setAppliedChoices(orgChoices);
        setStage('preview');
      } else if (final.state === 'cancelled') {
        void message.info('已取消预览。');
      } else {
        setFailure(final.error?.message ?? '预览没有完成，请重试。');
      }
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setRunning(null);
      job.clear();
    }
  }

  function changeMapping(columnIndex: number, field: string | null) {
    const next = { ...mapping, [String(columnIndex)]: field };
    setMapping(next);
    void runPreview({ mapping: next });
  }

  function changeCreateTeams(createTeams: boolean) {
    setOptions((o) => ({ ...o, createTeams }));
    void runPreview({ createTeams });
  }

  async function commit(jobId: string) {
    setFailure(null);
    setRunning('commit');
    try {
      const final = await job.run(() => invoke('import.commit', { jobId }));
      if (!final) return;
      if (final.state === 'done' && final.result) {
        setResult(final.result);
        setStage('result');
        // Committed: the rejected rows come from the preview job, never from the file again.
        discardUpload(upload);
        setUpload(null);
      } else if (final.state === 'cancelled') {
        void message.info('已取消导入，台账没有任何改动。');
      } else if (final.error?.code === 'STALE_PREVIEW') {
        // Someone changed the ledger since (the clerk, in another page): the plan may add a person
        // twice, so it is made again and shown before anything is written.
        void message.warning('台账在预览之后有了改动，已按现在的台账重新预览，请核对后再导入。', 8);
        void runPreview();
      } else {
        setFailure(`导入没有完成，台账没有任何改动。${final.error?.message ?? ''}`);
      }
    } catch (error) {
      setFailure(`导入没有完成：${messageOf(error)}`);
    } finally {
      setRunning(null);
      job.clear();
    }
  }

  function confirmCommit() {
    if (!preview) return;
    const { counts, willCreate } = preview.preview;
    const unit = rowUnit(preview.preview.kind);
    modal.confirm({
      title: `导入 ${rowsToImport(preview.preview)} 行${importKindLabels[preview.preview.kind]}？`,
      content: (
        <ul style={{ paddingInlineStart: 20, margin: 0 }}>
          <li>
            新增 {counts.inserted} {unit}，更新 {counts.updated} {unit}
            {counts.unchanged > 0 && `，${counts.unchanged} ${unit}与台账相同不作改动`}。
          </li>
          {counts.rejected > 0 && <li>{counts.rejected} 行被拒绝，不会导入（可先下载被拒绝的行交给报送单位修改）。</li>}
          {willCreate.orgs.length > 0 && <li>将新建组织：{willCreate.orgs.join('、')}。</li>}
          {willCreate.teams.length > 0 && <li>将新建服务队：{willCreate.teams.join('、')}。</li>}
          <li>导入前会先自动备份台账；导入后可在“导入记录”中撤销。</li>
        </ul>
      ),
      okText: '开始导入',
      cancelText: '再看看',
      onOk: () => {
        void commit(preview.jobId);
      },
    });
  }

  function downloadRejected() {
    if (!preview) return;
    void download(async () => {
      const sheetFile = await invoke('import.rejectedSheet', { jobId: preview.jobId });
      await downloadFile(sheetFile.token, sheetFile.fileName);
    });
  }

  function startOver() {
    forgetPreview();
    setResult(null);
    discardUpload(upload);
    setUpload(null);
    setFile({ state: 'none' });
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Steps size="small" current={stageIndex[stage]} status={stage === 'result' ? 'finish' : 'process'} items={[{ title: '选择文件与设置' }, { title: '预览与核对' }, { title: '导入完成' }]} style={{ maxWidth: 720 }} />
      {failure && <Alert type="error" showIcon closable={{ onClose: () => setFailure(null) }} title={failure} />}
      {running && <JobProgress title={running === 'commit' ? '正在导入' : '正在生成预览'} job={job.job} onCancel={job.cancel} />}
      {stage === 'setup' && !running && (
        <SetupStep
          kind={kind}
          onKind={changeKind}
          file={file}
          onPickFile={(f) => void pickFile(f)}
          sheet={sheet}
          onSheet={(s) => {
            setSheet(s);
            forgetPreview();
          }}
          encoding={encoding}
          onEncoding={changeEncoding}
          options={options}
          onOptions={setOptions}
          orgs={orgs}
          onPreview={() => void runPreview()}
        />
      )}
      {stage === 'preview' && preview && running !== 'commit' && (
        <PreviewStep
          preview={preview.preview}
          orgs={orgs}
          busy={running !== null}
          onMapping={changeMapping}
          drafts={drafts}
          onDraft={(name, draft) => setDrafts((d) => ({ ...d, [name]: draft }))}
          choicesChanged={!sameChoices(toOrgChoices(drafts), appliedChoices)}
          onApplyChoices={() => void runPreview()}
          createOrgsUnder={options.createOrgsUnder}
          createTeams={options.createTeams}
          onCreateTeams={changeCreateTeams}
          onDownloadRejected={downloadRejected}
          downloading={downloading}
          onCommit={confirmCommit}
          onBack={() => setStage('setup')}
        />
      )}
      {stage === 'result' && result && (
        <ResultStep kind={kind} result={result} onShowHistory={onShowHistory} onDownloadRejected={downloadRejected} downloading={downloading} onAnother={startOver} />
      )}
    </Space>
  );
}
