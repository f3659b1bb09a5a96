import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { ledgerToday } from './ledgerToday';

interface Props {
  value?: string | null;
  onChange?: (value: string | null) => void;
  placeholder?: string;
  id?: string;
  disabledFuture?: boolean;
}

/** A date picker whose value is the 'YYYY-MM-DD' string the API speaks. */
export function DateInput({ value, onChange, placeholder, id, disabledFuture }: Props) {
  return (
    <DatePicker
      id={id}
      style={{ width: '100%' }}
      format="YYYY-MM-DD"
      placeholder={placeholder ?? '选择日期'}
      value={value ? dayjs(value) : null}
      disabledDate={disabledFuture ? (d) => d.isAfter(dayjs(ledgerToday()), 'day') : undefined}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : null)}
    />
  );
}
