import { useState } from 'react';
import { Button, Card, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import type { StatsValidation, ValidationIssue } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { useApiAction } from '../../components/useApiError';

// 定稿前校验: each issue with its records (where to fix it) and its explanation. Errors block
// finalising until fixed or explained; warnings ask for an explanation the city will read.

const entityLabels: Record<string, string> = {
  member: '会员',
  volunteer: '志愿者',
  organization: '基层组织',
  county_society: '本级红十字会',
  group_member: '团体会员',
  volunteer_team: '志愿服务队',
  item: '统计项目',
};
const fixWhere: Record<string, string> = {
  member: '在“会员”中按姓名找到该会员更正',
  volunteer: '在“志愿者”中按姓名找到该志愿者更正服务记录',
  organization: '在“基层组织”中找到该组织补填',
  county_society: '在“设置 → 本级红十字会”中补填',
  item: '点“查看该项记录”核对，属实请填写说明',
};

type Record_ = ValidationIssue['records'][number];

export function ValidationPanel({ year, validation, onChange, onOpenFigure }: { year: number; validation: StatsValidation; onChange: (v: StatsValidation) => void; onOpenFigure: (item: number) => void }) {
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [shown, setShown] = useState<ValidationIssue | null>(null);
  const run = useApiAction();

  return (
    <Card title={`定稿前校验（${validation.issues.length} 项；未处理的错误 ${validation.blocking} 项）`} size="small">
      {validation.issues.length === 0 && <Typography.Text>没有发现问题。</Typography.Text>}
      {validation.issues.map((issue) => (
        <Card
          key={issue.code}
          size="small"
          style={{ marginBottom: 8 }}
          data-testid={`issue-${issue.code}`}
          title={
            <Space>
              <Tag color={issue.severity === 'error' ? 'red' : 'orange'}>{issue.severity === 'error' ? '错误' : '提醒'}</Tag>
              {issue.explanation ? <Tag color="blue">已说明</Tag> : null}
              <Typography.Text style={{ whiteSpace: 'normal' }}>{issue.message}</Typography.Text>
            </Space>
          }
          extra={
            <Button size="small" onClick={() => setShown(issue)}>
              查看记录（{issue.count}）
            </Button>
          }
        >
          <Space.Compact style={{ width: '100%' }}>
            <Input
              aria-label={`说明：${issue.message}`}
              placeholder="说明（如：已核实，情况属实）"
              disabled={validation.finalised}
              value={drafts[issue.code] ?? issue.explanation?.text ?? ''}
              onChange={(e) => setDrafts({ ...drafts, [issue.code]: e.target.value })}
            />
            <Button
              disabled={validation.finalised}
              onClick={async () => {
                const v = await run(() => invoke('stats.explain', { year, code: issue.code, text: drafts[issue.code] ?? issue.explanation?.text ?? '' }), '说明已保存');
                if (v) onChange(v);
              }}
            >
              保存说明
            </Button>
          </Space.Compact>
          {issue.explanation && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {issue.explanation.actor} 于 {issue.explanation.at.slice(0, 16).replace('T', ' ')} 说明
            </Typography.Text>
          )}
        </Card>
      ))}
      <Modal open={shown !== null} width={760} footer={null} onCancel={() => setShown(null)} title={shown?.message}>
        {shown && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text data-testid="issue-record-count">
              共 {shown.count} 条{shown.count > shown.records.length ? `，显示前 ${shown.records.length} 条` : ''}。
              {fixWhere[shown.records[0]?.entity ?? ''] ?? ''}
            </Typography.Text>
            <Table<Record_>
              rowKey={(r) => `${r.entity}-${r.id}-${r.detail}`}
              size="small"
              pagination={shown.records.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              dataSource={shown.records}
              columns={[
                { title: '类别', dataIndex: 'entity', width: 100, render: (e: string) => entityLabels[e] ?? e },
                { title: '名称', dataIndex: 'name', width: 240 },
                { title: '情况', dataIndex: 'detail' },
                {
                  title: '',
                  key: 'open',
                  width: 120,
                  render: (_: unknown, r: Record_) =>
                    r.entity === 'item' ? (
                      <Button
                        type="link"
                        size="small"
                        onClick={() => {
                          setShown(null);
                          onOpenFigure(r.id);
                        }}
                      >
                        查看该项记录
                      </Button>
                    ) : null,
                },
              ]}
            />
          </Space>
        )}
      </Modal>
    </Card>
  );
}
