import { createContext, useContext } from 'react';
import { Button } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import type { ImportKind } from './kinds';

/** Opens the import screen with a kind chosen; provided by the App shell. */
export const ImportLauncherContext = createContext<((kind: ImportKind) => void) | null>(null);

/** The roster's 从 Excel 导入 button: opens the import wizard with this roster's kind preset. */
export function ImportButton({ kind }: { kind: ImportKind }) {
  const open = useContext(ImportLauncherContext);
  if (!open) return null;
  return (
    <Button icon={<FileExcelOutlined />} onClick={() => open(kind)}>
      从 Excel 导入
    </Button>
  );
}
