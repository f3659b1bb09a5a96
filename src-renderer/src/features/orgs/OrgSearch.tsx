import { useRef, useState } from 'react';
import { AutoComplete, Input } from 'antd';
import type { OrgSearchHit } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';

/** Finds an organisation by any fragment of its name; ↑↓ and Enter pick a result. */
export function OrgSearch({ onPick }: { onPick: (id: number) => void }) {
  const [hits, setHits] = useState<OrgSearchHit[]>([]);
  const [text, setText] = useState('');
  const latest = useRef(0);

  async function search(value: string) {
    setText(value);
    const query = value.trim();
    const ticket = ++latest.current;
    if (!query) return setHits([]);
    try {
      const found = await invoke('org.search', { query, limit: 30 });
      if (ticket === latest.current) setHits(found);
    } catch {
      if (ticket === latest.current) setHits([]);
    }
  }

  return (
    <AutoComplete
      style={{ width: '100%' }}
      value={text}
      options={hits.map((h) => ({ value: String(h.id), label: <span title={h.path}>{h.path}</span> }))}
      onSearch={(v) => void search(v)}
      onSelect={(value: string) => {
        setText('');
        setHits([]);
        onPick(Number(value));
      }}
      notFoundContent={text.trim() ? '没有找到名称包含该文字的组织' : null}
    >
      <Input.Search placeholder="按名称查找组织（输入任意片段）" aria-label="查找组织" allowClear />
    </AutoComplete>
  );
}
