import { useEffect, useState } from 'react';
import { Select } from 'antd';
import type { VolunteerRow } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';

interface Props {
  value?: number;
  onChange?: (value: number | undefined) => void;
  id?: string;
  'aria-label'?: string;
  placeholder?: string;
  style?: React.CSSProperties;
}

const debounceMs = 250;

/** A registered volunteer found by a name fragment or the last digits of an ID number or phone (masked in the list). */
export function VolunteerPicker({ value, onChange, id, placeholder, style, ...aria }: Props) {
  const [search, setSearch] = useState('');
  const [options, setOptions] = useState<VolunteerRow[]>([]);
  const [loading, setLoading] = useState(false);
  // The chosen volunteer keeps its label when a later search no longer lists it.
  const [chosen, setChosen] = useState<VolunteerRow | null>(null);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      setLoading(true);
      invoke('volunteer.list', { status: 'active', limit: 30, ...(search.trim() ? { search: search.trim() } : {}) })
        .then(
          (page) => live && setOptions(page.rows),
          () => live && setOptions([]),
        )
        .finally(() => live && setLoading(false));
    }, debounceMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [search]);

  return (
    <Select
      id={id}
      aria-label={aria['aria-label']}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      placeholder={placeholder ?? '输入姓名或证件号末几位查找'}
      loading={loading}
      value={value}
      onChange={(v: number | undefined) => {
        setChosen(options.find((o) => o.id === v) ?? null);
        onChange?.(v ?? undefined);
      }}
      style={{ width: '100%', ...style }}
      options={[...(chosen && chosen.id === value && !options.some((o) => o.id === chosen.id) ? [chosen] : []), ...options].map((v) => ({
        value: v.id,
        label: `${v.name}（${v.idNumber ?? '无证件号'}）`,
      }))}
      notFoundContent={loading ? '正在查找……' : '没有找到在册的志愿者'}
      popupMatchSelectWidth={false}
    />
  );
}
