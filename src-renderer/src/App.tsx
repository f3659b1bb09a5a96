import { useCallback, useEffect, useState } from 'react';
import { Alert, Layout, Menu, Result, Spin, Typography } from 'antd';
import type { AppStatus } from '../../src-main/core/api/contract';
import { invoke } from './api/client';
import { MembershipSection } from './features/membership/MembershipSection';
import { OrgsPage } from './features/orgs/OrgsPage';
import { SetupPage } from './features/setup/SetupPage';
import { SettingsPage } from './features/settings/SettingsPage';
import { TargetsPage } from './features/targets/TargetsPage';
import { VolunteersPage } from './features/volunteers/VolunteersPage';
import { ComingLater } from './features/placeholder/ComingLater';
import { StandardsPage } from './features/standards/StandardsPage';
import { ReportsPage } from './features/reports/ReportsPage';
import { ImportLauncherContext } from './features/import/ImportLauncher';
import { ImportSection } from './features/import/ImportSection';
import type { ImportKind } from './features/import/kinds';

type Section = 'orgs' | 'members' | 'volunteers' | 'import' | 'targets' | 'standards' | 'reports' | 'printing' | 'settings';

const sections: Array<{ key: Section; label: string }> = [
  { key: 'orgs', label: '组织' },
  { key: 'members', label: '会员' },
  { key: 'volunteers', label: '志愿者' },
  { key: 'import', label: '导入导出' },
  { key: 'targets', label: '工作目标' },
  { key: 'standards', label: '达标检查' },
  { key: 'reports', label: '年报' },
  { key: 'printing', label: '打印' },
  { key: 'settings', label: '设置' },
];

export function App() {
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [section, setSection] = useState<Section>('orgs');
  // A roster's 从 Excel 导入 opens a fresh wizard with its kind; the section then stays mounted,
  // so an import in progress survives a look at another section.
  const [importLaunch, setImportLaunch] = useState<{ kind: ImportKind; nonce: number } | null>(null);
  const openImport = useCallback((kind: ImportKind) => {
    setImportLaunch((l) => ({ kind, nonce: (l?.nonce ?? 0) + 1 }));
    setSection('import');
  }, []);

  const refresh = useCallback(async () => {
    try {
      setStatus(await invoke('app.status', {}));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (error) return <Result status="error" title="无法打开台账" subTitle={error} />;
  if (!status) return <Spin fullscreen description="正在打开台账……" />;
  if (!status.setupDone) return <SetupPage onDone={refresh} />;

  const current = sections.find((s) => s.key === section)!;
  return (
    <Layout style={{ height: '100vh' }}>
      <Layout.Sider width={168} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
        <div style={{ padding: '16px 16px 8px' }}>
          <Typography.Text strong style={{ fontSize: 16 }}>红会基层台账</Typography.Text>
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{status.county?.name}</Typography.Text>
        </div>
        <nav aria-label="主导航">
          <Menu
            mode="inline"
            selectedKeys={[section]}
            items={sections}
            onClick={(e) => {
              if (e.key === 'import' && !importLaunch) setImportLaunch({ kind: 'members', nonce: 0 });
              setSection(e.key as Section);
            }}
          />
        </nav>
      </Layout.Sider>
      <Layout.Content style={{ overflow: 'auto', padding: 16 }}>
        <Alert.ErrorBoundary title="界面出错" description="请切换到其他栏目后再返回；数据没有丢失。">
          <ImportLauncherContext value={openImport}>
            {section === 'orgs' && <OrgsPage />}
            {section === 'members' && <MembershipSection />}
            {section === 'volunteers' && <VolunteersPage />}
            {importLaunch && (
              <div hidden={section !== 'import'}>
                <ImportSection key={importLaunch.nonce} initialKind={importLaunch.kind} />
              </div>
            )}
            {section === 'targets' && <TargetsPage />}
            {section === 'settings' && <SettingsPage status={status} onChanged={refresh} />}
            {section === 'standards' && <StandardsPage />}
            {section === 'reports' && <ReportsPage />}
            {section === 'printing' && <ComingLater title={current.label} />}
          </ImportLauncherContext>
        </Alert.ErrorBoundary>
      </Layout.Content>
    </Layout>
  );
}
