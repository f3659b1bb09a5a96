import { useEffect, useRef } from 'react';
import { Select, Table, Tag, Typography } from 'antd';
import type { RefSelectProps } from 'antd/es/select';
import type { ImportPreview } from '../../../../src-main/core/api/contract';

interface Props {
  preview: ImportPreview;
  disabled: boolean;
  /** Column index → field key, or null to leave the column out. */
  onChange: (columnIndex: number, field: string | null) => void;
}

const ignore = '__ignore__';

/** Which field each column of the sheet was read as; the clerk corrects a column and the preview runs again. */
export function MappingTable({ preview, disabled, onChange }: Props) {
  // The selects are disabled while the preview runs again, which drops the keyboard focus to the
  // page; it goes back to the column the clerk changed, so they can go on to the next one.
  const selects = useRef(new Map<number, RefSelectProps>());
  const changed = useRef<number | null>(null);
  useEffect(() => {
    if (disabled || changed.current === null) return;
    selects.current.get(changed.current)?.focus();
    changed.current = null;
  }, [disabled, preview]);
  const fieldOptions = [
    { value: ignore, label: '（不导入此列）' },
    ...preview.fields.map((f) => ({ value: f.key, label: f.required ? `${f.label}（必填）` : f.label })),
  ];
  const used = new Map(preview.columns.filter((c) => c.field).map((c) => [c.field!, c.letter]));
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="index"
      dataSource={preview.columns}
      aria-label="列对应"
      scroll={{ y: 360 }}
      columns={[
        { title: '列', dataIndex: 'letter', width: 60 },
        { title: '表头', dataIndex: 'header', render: (h: string) => h || <Typography.Text type="secondary">（空）</Typography.Text> },
        {
          title: '对应字段',
          width: 280,
          render: (_: unknown, column) => (
            <Select
              ref={(select) => {
                if (select) selects.current.set(column.index, select);
                else selects.current.delete(column.index);
              }}
              aria-label={`第 ${column.letter} 列“${column.header}”对应字段`}
              style={{ width: 240 }}
              showSearch={{ optionFilterProp: 'label' }}
              disabled={disabled}
              value={column.field ?? ignore}
              onChange={(v: string) => {
                changed.current = column.index;
                onChange(column.index, v === ignore ? null : v);
              }}
              options={fieldOptions.map((o) => ({ ...o, label: o.value !== ignore && used.has(o.value) && used.get(o.value) !== column.letter ? `${o.label}（已对应 ${used.get(o.value)} 列）` : o.label }))}
              status={column.field ? undefined : 'warning'}
            />
          ),
        },
        {
          title: '',
          width: 90,
          render: (_: unknown, column) => (column.field ? null : <Tag>不导入</Tag>),
        },
      ]}
    />
  );
}
