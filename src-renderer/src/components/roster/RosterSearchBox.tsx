import { useEffect, useState } from 'react';
import { Input } from 'antd';
import { SearchOutlined } from '@ant-design/icons';

const debounceMs = 250;
const maxLength = 30;

interface Props {
  /** The box's accessible name, which the e2e tests find it by. */
  label: string;
  width: number;
  value: string;
  onSearch: (text: string) => void;
  /** ↓ leaves the box for the roster. */
  onArrowDown: () => void;
}

/** Name fragment (any length) or the last digits of an ID number or phone; the backend decides which. */
export function RosterSearchBox({ label, width, value, onSearch, onArrowDown }: Props) {
  const [text, setText] = useState(value);
  // While an input method is composing, the box holds pinyin letters, not the name being typed.
  const [composing, setComposing] = useState(false);
  useEffect(() => {
    const query = text.trim();
    if (composing || query === value) return;
    const timer = setTimeout(() => onSearch(query), debounceMs);
    return () => clearTimeout(timer);
  }, [text, value, composing, onSearch]);

  return (
    <Input
      aria-label={label}
      placeholder="姓名任意几个字，或证件号、电话的末几位"
      prefix={<SearchOutlined />}
      allowClear
      maxLength={maxLength}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onCompositionStart={() => setComposing(true)}
      onCompositionEnd={() => setComposing(false)}
      onKeyDown={(e) => {
        if (composing || e.nativeEvent.isComposing) return;
        if (e.key === 'Enter') onSearch(text.trim());
        else if (e.key === 'Escape') {
          setText('');
          onSearch('');
        } else if (e.key === 'ArrowDown') {
          e.preventDefault();
          onArrowDown();
        }
      }}
      style={{ width }}
    />
  );
}
