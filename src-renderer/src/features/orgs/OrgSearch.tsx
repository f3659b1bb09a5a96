import { useRef, useState } from 'react';
import { Input, Typography } from 'antd';
import type { OrgSearchHit } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';

/**
 * Finds an organisation by any fragment of its name. The hits are an inline list under the box
 * (no popup to lose): ↑↓ move, Enter opens the highlighted hit, Esc clears.
 */
export function OrgSearch({ onPick }: { onPick: (id: number) => void }) {
  const [hits, setHits] = useState<OrgSearchHit[]>([]);
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const [searched, setSearched] = useState('');
  const latest = useRef(0);

  async function search(value: string) {
    setText(value);
    setActive(0);
    const query = value.trim();
    const ticket = ++latest.current;
    if (!query) {
      setHits([]);
      setSearched('');
      return;
    }
    try {
      const found = await invoke('org.search', { query, limit: 30 });
      if (ticket === latest.current) {
        setHits(found);
        setSearched(query);
      }
    } catch {
      if (ticket === latest.current) setHits([]);
    }
  }

  function pick(hit: OrgSearchHit | undefined) {
    if (!hit) return;
    void search('');
    onPick(hit.id);
  }

  return (
    <div>
      <Input.Search
        aria-label="查找组织"
        role="combobox"
        aria-expanded={hits.length > 0}
        aria-controls="org-search-results"
        placeholder="按名称查找组织（输入任意片段）"
        allowClear
        value={text}
        onChange={(e) => void search(e.target.value)}
        onSearch={() => pick(hits[active])}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && hits.length > 0) {
            e.preventDefault();
            setActive((a) => (a + 1) % hits.length);
          } else if (e.key === 'ArrowUp' && hits.length > 0) {
            e.preventDefault();
            setActive((a) => (a - 1 + hits.length) % hits.length);
          } else if (e.key === 'Escape') {
            void search('');
          }
        }}
      />
      {text.trim() !== '' && (
        <div id="org-search-results" role="listbox" aria-label="查找结果" style={{ maxHeight: 280, overflowY: 'auto', border: '1px solid #f0f0f0', borderTop: 0, borderRadius: '0 0 4px 4px' }}>
          {hits.map((hit, index) => (
            <div
              key={hit.id}
              role="option"
              aria-selected={index === active}
              title={hit.path}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(hit)}
              onMouseEnter={() => setActive(index)}
              style={{ padding: '5px 10px', cursor: 'pointer', background: index === active ? '#fff1f0' : undefined, fontSize: 13 }}
            >
              {hit.path}
              {hit.status === 'retired' && <Typography.Text type="secondary">（已撤销）</Typography.Text>}
            </div>
          ))}
          {hits.length === 0 && searched === text.trim() && (
            <div style={{ padding: '5px 10px' }}>
              <Typography.Text type="secondary">没有名称包含“{searched}”的组织</Typography.Text>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
