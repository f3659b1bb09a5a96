import { Alert, Button, Card, Checkbox, Col, Row, Space, Statistic, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { ImportPreview, OrgSummary, RowIssue } from '../../../../src-main/core/api/contract';
import { IssueTable, type IssueColumn } from './IssueTable';
import { importKindLabels, rowUnit } from './kinds';
import { MappingTable } from './MappingTable';
import { countPending, type DraftChoice } from './org-choices';
import { OrgChoices } from './OrgChoices';

interface Props {
  preview: ImportPreview;
  orgs: OrgSummary[];
  /** A new preview is being computed: the controls wait. */
  busy: boolean;
  onMapping: (columnIndex: number, field: string | null) => void;
  drafts: Record<string, DraftChoice>;
  onDraft: (name: string, draft: DraftChoice) => void;
  /** The organisation choices differ from those the preview was made with. */
  choicesChanged: boolean;
  onApplyChoices: () => void;
  createOrgsUnder: number | null;
  createTeams: boolean;
  onCreateTeams: (createTeams: boolean) => void;
  onDownloadRejected: () => void;
  downloading: boolean;
  onCommit: () => void;
  onBack: () => void;
}

const issueColumns: Array<IssueColumn<RowIssue>> = [
  { title: '行号', width: '80px', render: (r) => String(r.row) },
  { title: '列', width: '160px', render: (r) => r.field },
  { title: '原因', width: 'minmax(300px, 1fr)', render: (r) => r.reason },
];

type Duplicate = ImportPreview['duplicates'][number];
const duplicateColumns: Array<IssueColumn<Duplicate>> = [
  { title: '行号', width: '80px', render: (d) => String(d.row) },
  { title: '姓名/名称', width: '160px', render: (d) => d.name },
  { title: '证件号码', width: '200px', render: (d) => d.idNumber ?? '' },
  { title: '重复于', width: 'minmax(200px, 1fr)', render: (d) => (d.where === 'ledger' ? '台账中已有' : `与表格第 ${d.otherRow ?? '?'} 行重复`) },
];

/** How many rows committing would write: new and updated ones (unchanged rows need no writing). */
export const rowsToImport = (preview: ImportPreview) => preview.counts.inserted + preview.counts.updated;

/** Step 2: what the import would do, with the mapping and organisation choices the clerk can still correct. */
export function PreviewStep(props: Props) {
  const { preview, orgs, busy, drafts, choicesChanged } = props;
  const { counts } = preview;
  const unit = rowUnit(preview.kind);
  const toImport = rowsToImport(preview);
  const pending = countPending(drafts);
  const blocked = preview.missingRequired.length > 0 ? '缺少必填列，无法导入' : choicesChanged ? '组织的处理方式已更改，请先按选择重新预览' : toImport === 0 ? '没有可导入的行' : null;
  const missingLabels = preview.missingRequired.map((key) => preview.fields.find((f) => f.key === key)?.label ?? key);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text>
        {importKindLabels[preview.kind]} · {preview.fileName}
        {preview.sheets.length > 1 && ` · 工作表“${preview.sheet}”`} · 数据 {preview.dataRows.toLocaleString('zh-CN')} 行
        {preview.headerRows.length > 0 && ` · 表头在第 ${preview.headerRows.join('、')} 行`} · 表格日期 {preview.sheetDate}
        {preview.mappingRemembered && (
          <Tag color="blue" style={{ marginInlineStart: 8 }}>
            已沿用上次相同表头的列对应
          </Tag>
        )}
      </Typography.Text>

      <Card size="small">
        <section aria-label="预览统计">
          <Row gutter={24}>
            {(
              [
                ['新增', counts.inserted, undefined],
                ['更新', counts.updated, undefined],
                ['不变', counts.unchanged, undefined],
                ['拒绝', counts.rejected, counts.rejected > 0 ? '#c8161d' : undefined],
                ['提示', counts.warnings, counts.warnings > 0 ? '#d48806' : undefined],
              ] as const
            ).map(([title, value, color]) => (
              <Col key={title}>
                <Statistic title={title} value={value} styles={{ content: { color } }} />
              </Col>
            ))}
          </Row>
        </section>
      </Card>

      {missingLabels.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={`缺少必填列：${missingLabels.join('、')}`}
          description="表格中没有找到这些列。如果表格里有，只是表头写法不同，请在下方“列对应”中为该列选择对应的字段。"
        />
      )}

      <Space wrap>
        <Button type="primary" size="large" disabled={busy || blocked !== null} onClick={props.onCommit}>
          导入 {toImport.toLocaleString('zh-CN')} 行
        </Button>
        <Button icon={<DownloadOutlined />} disabled={busy || counts.rejected === 0} loading={props.downloading} onClick={props.onDownloadRejected}>
          下载被拒绝的行
        </Button>
        <Button disabled={busy} onClick={props.onBack}>
          返回修改设置
        </Button>
        {blocked && <Typography.Text type="secondary">{blocked}</Typography.Text>}
      </Space>

      {preview.unmatchedOrgs.length > 0 && (
        <Card
          size="small"
          title={`台账中没有找到的组织（${preview.unmatchedOrgs.length} 个）`}
          extra={
            <Button type={choicesChanged ? 'primary' : 'default'} disabled={busy || !choicesChanged || pending > 0} onClick={props.onApplyChoices}>
              按选择重新预览
            </Button>
          }
        >
          <OrgChoices unmatched={preview.unmatchedOrgs} drafts={drafts} onChange={props.onDraft} orgs={orgs} createOrgsUnder={props.createOrgsUnder} disabled={busy} />
          {pending > 0 && <Typography.Text type="warning">还有 {pending} 个名称没有选择对应的组织。</Typography.Text>}
        </Card>
      )}

      {preview.unmatchedTeams.length > 0 && (
        <Card size="small" title={`台账中没有找到的服务队（${preview.unmatchedTeams.length} 支）`}>
          <Space orientation="vertical">
            <Typography.Text>
              {preview.unmatchedTeams.map((t) => `${t.name}（${t.rows} 行${t.suggestions.length ? `，相近：${t.suggestions.map((s) => s.name).join('、')}` : ''}）`).join('；')}
            </Typography.Text>
            <Checkbox checked={props.createTeams} disabled={busy} onChange={(e) => props.onCreateTeams(e.target.checked)}>
              新建这些服务队（不勾选时志愿者照常导入，但不加入这些队）
            </Checkbox>
          </Space>
        </Card>
      )}

      {(preview.willCreate.orgs.length > 0 || preview.willCreate.teams.length > 0) && (
        <Alert
          type="info"
          showIcon
          title="导入时将新建"
          description={[preview.willCreate.orgs.length > 0 && `组织：${preview.willCreate.orgs.join('、')}`, preview.willCreate.teams.length > 0 && `服务队：${preview.willCreate.teams.join('、')}`]
            .filter(Boolean)
            .join('；')}
        />
      )}

      <Card size="small" title="列对应">
        <MappingTable preview={preview} disabled={busy} onChange={props.onMapping} />
      </Card>

      <Tabs
        items={[
          {
            key: 'rejected',
            // Rows, as the 拒绝 count above says; a row refused for two reasons is listed twice.
            label: `被拒绝的行（${new Set(preview.rejected.map((r) => r.row)).size.toLocaleString('zh-CN')}）`,
            children: <IssueTable label="被拒绝的行" rows={preview.rejected} columns={issueColumns} emptyText="没有被拒绝的行" />,
          },
          {
            key: 'warnings',
            label: `提示（${preview.warnings.length.toLocaleString('zh-CN')}）`,
            children: <IssueTable label="提示" rows={preview.warnings} columns={issueColumns} emptyText="没有提示" />,
          },
          {
            key: 'duplicates',
            label: `重复（${preview.duplicates.length.toLocaleString('zh-CN')}）`,
            children: <IssueTable label="重复" rows={preview.duplicates} columns={duplicateColumns} emptyText={`没有重复的${unit === '人' ? '人员' : '记录'}`} />,
          },
        ]}
      />
    </Space>
  );
}
