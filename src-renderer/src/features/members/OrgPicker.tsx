import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import type { OrgSummary } from '../../../../src-main/core/api/contract';
import { orgTreeData } from './orgOptions';

interface Props {
  orgs: OrgSummary[];
  value?: number;
  onChange?: (value: number | undefined) => void;
  /** Retired organisations cannot take members: offered but disabled. */
  openOnly?: boolean;
  exclude?: number;
  allowClear?: boolean;
  placeholder?: string;
  id?: string;
  'aria-label'?: string;
  style?: React.CSSProperties;
}

/** An organisation chosen from the tree; typing filters by any fragment of the name. */
export function OrgPicker({ orgs, value, onChange, openOnly, exclude, allowClear, placeholder, id, style, ...aria }: Props) {
  const treeData = useMemo(() => orgTreeData(orgs, { openOnly, exclude }), [orgs, openOnly, exclude]);
  return (
    <TreeSelect
      id={id}
      aria-label={aria['aria-label']}
      style={{ width: '100%', ...style }}
      showSearch
      treeNodeFilterProp="title"
      allowClear={allowClear}
      placeholder={placeholder ?? '选择组织'}
      treeData={treeData}
      value={value}
      onChange={(v: number | undefined) => onChange?.(v ?? undefined)}
      treeDefaultExpandAll={orgs.length < 80}
      listHeight={360}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { minWidth: 320 } } }}
    />
  );
}
