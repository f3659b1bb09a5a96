import { useState } from 'react';
import { Tabs } from 'antd';
import { ImportHistory } from './ImportHistory';
import { ImportWizard } from './ImportWizard';
import type { ImportKind } from './kinds';

/**
 * 导入导出: the import wizard and the import history. Both tabs stay mounted, so a preview or an
 * import in progress is still there after a look at the history.
 */
export function ImportSection({ initialKind }: { initialKind: ImportKind }) {
  const [tab, setTab] = useState('import');
  return (
    <Tabs
      activeKey={tab}
      onChange={setTab}
      size="small"
      style={{ marginTop: -8 }}
      items={[
        { key: 'import', label: '导入', children: <ImportWizard initialKind={initialKind} onShowHistory={() => setTab('history')} /> },
        { key: 'history', label: '导入记录', children: <ImportHistory active={tab === 'history'} /> },
      ]}
    />
  );
}
