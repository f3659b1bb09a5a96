import { Select, Table, Typography } from 'antd';
import type { ImportPreview, OrgSummary } from '../../../../src-main/core/api/contract';
import { OrgPicker } from '../members/OrgPicker';
import type { DraftChoice } from './org-choices';

type Unmatched = ImportPreview['unmatchedOrgs'][number];

interface Props {
  unmatched: Unmatched[];
  drafts: Record<string, DraftChoice>;
  onChange: (name: string, draft: DraftChoice) => void;
  orgs: OrgSummary[];
  /** What happens to a name left without a choice: created under this organisation, or its rows rejected. */
  createOrgsUnder: number | null;
  disabled: boolean;
}

/** Per organisation name the ledger does not know: map it to an existing one, create it, or reject its rows. */
export function OrgChoices({ unmatched, drafts, onChange, orgs, createOrgsUnder, disabled }: Props) {
  const underName = orgs.find((o) => o.id === createOrgsUnder)?.name;
  const defaultLabel = underName ? `按设置新建在“${underName}”下` : '按设置拒绝这些行';
  const openOrgs = orgs.filter((o) => o.status !== 'retired');

  return (
    <Table
      size="small"
      pagination={false}
      rowKey="name"
      dataSource={unmatched}
      aria-label="未找到的组织"
      columns={[
        {
          title: '表格中的名称',
          render: (_: unknown, u: Unmatched) => (
            <span>
              <Typography.Text strong>{u.name}</Typography.Text>
              <br />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {u.rows} 行，首次出现在第 {u.firstRow} 行
              </Typography.Text>
            </span>
          ),
        },
        {
          title: '处理方式',
          width: 220,
          render: (_: unknown, u: Unmatched) => {
            const draft = drafts[u.name] ?? { action: 'default' };
            return (
              <Select
                aria-label={`“${u.name}”的处理方式`}
                style={{ width: 200 }}
                disabled={disabled}
                value={draft.action}
                onChange={(action: DraftChoice['action']) =>
                  onChange(
                    u.name,
                    action === 'map' ? { action, orgId: u.suggestions[0]?.id ?? null } : action === 'create' ? { action, parentId: createOrgsUnder } : { action },
                  )
                }
                options={[
                  { value: 'default', label: defaultLabel },
                  { value: 'map', label: '对应到已有组织' },
                  { value: 'create', label: '新建在…' },
                  { value: 'reject', label: '拒绝这些行' },
                ]}
              />
            );
          },
        },
        {
          title: '组织',
          render: (_: unknown, u: Unmatched) => {
            const draft = drafts[u.name] ?? { action: 'default' };
            if (draft.action === 'map') {
              const suggested = new Set(u.suggestions.map((s) => s.id));
              return (
                <Select
                  aria-label={`“${u.name}”对应到`}
                  style={{ width: '100%', minWidth: 260 }}
                  disabled={disabled}
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder="输入名称查找组织"
                  status={draft.orgId === null ? 'warning' : undefined}
                  value={draft.orgId ?? undefined}
                  onChange={(orgId: number) => onChange(u.name, { action: 'map', orgId })}
                  options={[
                    ...(u.suggestions.length > 0 ? [{ label: '相近的名称', options: u.suggestions.map((s) => ({ value: s.id, label: s.name })) }] : []),
                    { label: '全部组织', options: openOrgs.filter((o) => !suggested.has(o.id)).map((o) => ({ value: o.id, label: o.name })) },
                  ]}
                />
              );
            }
            if (draft.action === 'create') {
              return (
                <OrgPicker
                  aria-label={`“${u.name}”新建在`}
                  orgs={orgs}
                  openOnly
                  allowClear
                  placeholder="县红十字会直属"
                  value={draft.parentId ?? undefined}
                  onChange={(parentId) => onChange(u.name, { action: 'create', parentId: parentId ?? null })}
                />
              );
            }
            if (draft.action === 'default' && u.suggestions.length > 0) {
              return <Typography.Text type="secondary">相近的名称：{u.suggestions.map((s) => s.name).join('、')}</Typography.Text>;
            }
            return null;
          },
        },
      ]}
    />
  );
}
