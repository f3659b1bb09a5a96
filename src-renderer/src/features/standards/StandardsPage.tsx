import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Select, Space, Spin, Typography } from 'antd';
import type { ChecklistMatrix, ChecklistTemplate, OrgType } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { useApiAction } from '../../components/useApiError';
import { useOrgList } from '../../components/useOrgList';
import { CellDrawer } from './CellDrawer';
import { MatrixGrid } from './MatrixGrid';
import { TemplateBadges } from './TemplateBadges';
import { TemplatesDrawer } from './TemplatesDrawer';

/** 达标检查: organisations × the items of a standard, as of any date, with click-through to reasons and evidence. */
export function StandardsPage() {
  const run = useApiAction();
  const orgs = useOrgList();
  const [types, setTypes] = useState<OrgType[]>([]);
  const [templates, setTemplates] = useState<ChecklistTemplate[]>([]);
  // The standard chosen by code shows its version in force on the date; `pinned` is an older (or
  // not yet effective) version the clerk picked explicitly.
  const [code, setCode] = useState<string | null>(null);
  const [pinned, setPinned] = useState<number | null>(null);
  // null = the ledger's today (China time), which the backend decides; the browser's clock may differ.
  const [asOf, setAsOf] = useState<string | null>(null);
  const [rootOrgId, setRootOrgId] = useState<number | null>(null);
  const [typeId, setTypeId] = useState<number | null>(null);
  const [matrix, setMatrix] = useState<ChecklistMatrix | null>(null);
  const [loading, setLoading] = useState(false);
  const [cell, setCell] = useState<{ orgId: number; itemId: number } | null>(null);
  const [managing, setManaging] = useState(false);
  const [clerkName, setClerkName] = useState('');

  const loadTemplates = useCallback(
    async (select?: ChecklistTemplate['id']) => {
      const list = await run(() => invoke('checklist.templates', {}));
      if (!list) return;
      setTemplates(list);
      const chosen = list.find((t) => t.id === select);
      if (chosen) {
        // A version just saved or imported: shown by its code when in force, else pinned.
        setCode(chosen.code);
        setPinned(chosen.id);
      } else setCode((current) => current ?? (list.some((t) => t.code === '五有') ? '五有' : (list[0]?.code ?? null)));
    },
    [run],
  );
  useEffect(() => {
    void loadTemplates();
    void invoke('orgType.list', {}).then(setTypes, () => setTypes([]));
    void invoke('settings.get', {}).then((s) => setClerkName(s.clerkName), () => undefined);
  }, [loadTemplates]);

  const loadMatrix = useCallback(async () => {
    if (code === null) return;
    setLoading(true);
    const which = pinned !== null ? { templateId: pinned } : { code };
    const value = await run(() => invoke('checklist.matrix', { ...which, ...(asOf ? { asOf } : {}), ...(rootOrgId ? { rootOrgId } : {}), ...(typeId ? { typeId } : {}) }));
    setLoading(false);
    if (value) setMatrix(value);
  }, [code, pinned, asOf, rootOrgId, typeId, run]);
  useEffect(() => {
    void loadMatrix();
  }, [loadMatrix]);

  // The date the backend evaluates: the chosen one, else the ledger's today as the last matrix reported it.
  const effectiveDate = asOf ?? matrix?.asOf ?? null;
  const inForceId = code === null ? null : effectiveDate !== null ? versionInForce(templates, code, effectiveDate) : matrix && matrix.template.code === code ? matrix.template.id : null;
  // A pinned version that is the one in force is simply the standard chosen by its code.
  const pinnedId = pinned !== null && pinned !== inForceId ? pinned : null;
  const template = templates.find((t) => t.id === (pinnedId ?? inForceId)) ?? null;
  const confirm = async () => {
    if (!template) return;
    const done = await run(() => invoke('checklist.confirmTemplate', { templateId: template.id }), `已确认模板“${template.name}”`);
    if (done) await loadTemplates(template.id);
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>达标检查</Typography.Title>
        <Select
          aria-label="模板"
          style={{ width: 380 }}
          value={pinnedId !== null ? `id:${pinnedId}` : code !== null ? `code:${code}` : undefined}
          onChange={(value: string) => {
            const [kind, key] = [value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 1)];
            if (kind === 'code') {
              setCode(key);
              setPinned(null);
            } else {
              const t = templates.find((x) => x.id === Number(key))!;
              setCode(t.code);
              setPinned(t.id);
            }
          }}
          options={pickerOptions(templates, effectiveDate)}
        />
        {template && <TemplateBadges template={template} />}
        {template?.isDraft && (
          <Button onClick={() => void confirm()}>确认模板</Button>
        )}
        <Button onClick={() => setManaging(true)}>模板管理</Button>
      </Space>
      <Space wrap>
        <span>检查日期</span>
        <div style={{ width: 150 }}>
          <DateInput
            value={asOf ?? matrix?.asOf ?? null}
            onChange={(v) => {
              // A new date shows the version in force on it.
              setAsOf(v);
              setPinned(null);
            }}
            id="checklist-as-of"
          />
        </div>
        <Select
          aria-label="范围（含下级）"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="全县（可选乡镇/街道，含下级）"
          style={{ width: 280 }}
          value={rootOrgId ?? undefined}
          onChange={(v) => setRootOrgId(v ?? null)}
          options={orgs.filter((o) => o.childCount > 0 || o.parentId === null).map((o) => ({ value: o.id, label: o.name }))}
        />
        <Select aria-label="组织类型" allowClear placeholder="全部类型" style={{ width: 160 }} value={typeId ?? undefined} onChange={(v) => setTypeId(v ?? null)} options={types.map((t) => ({ value: t.id, label: t.name }))} />
      </Space>
      {template?.isDraft && (
        <Alert type="warning" showIcon title={template.name.includes('草案') ? '此模板为草案，待省红十字会正式定义替换；确认或替换前，结果仅供参考。' : '此为程序自带的默认模板，请核对条目后点击“确认模板”。'} />
      )}
      {matrix && (
        <Typography.Text aria-label="达标汇总">
          截至 {matrix.asOf}：{matrix.totals.orgs} 个组织，全部适用项达标 {matrix.totals.meetingAll} 个
        </Typography.Text>
      )}
      {matrix && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{matrix.currentValuesNote}</Typography.Text>}
      {loading && !matrix ? <Spin /> : matrix && <MatrixGrid matrix={matrix} onOpenCell={(orgId, itemId) => setCell({ orgId, itemId })} />}
      <CellDrawer target={cell} asOf={asOf ?? matrix?.asOf ?? null} clerkName={clerkName} onClose={() => setCell(null)} onRecorded={() => void loadMatrix()} />
      <TemplatesDrawer
        open={managing}
        template={template}
        types={types}
        onClose={() => setManaging(false)}
        onChanged={(id) => void loadTemplates(id)}
      />
    </Space>
  );
}

const sinceOf = (t: ChecklistTemplate) => t.effectiveOn ?? '';

/** Same rule as the backend (templateIdInForce): latest effective on or before the date (ties: higher id); none yet: the earliest. */
function versionInForce(templates: ChecklistTemplate[], code: string, on: string): number | null {
  const versions = templates.filter((t) => t.code === code).sort((a, b) => sinceOf(a).localeCompare(sinceOf(b)) || a.id - b.id);
  const effective = versions.filter((t) => sinceOf(t) <= on);
  return (effective.length > 0 ? effective[effective.length - 1] : versions[0])?.id ?? null;
}

/** One entry per standard (its version in force on the date), then the other versions of it as 已停用 / 未生效. */
function pickerOptions(templates: ChecklistTemplate[], on: string | null) {
  const codes = [...new Set(templates.map((t) => t.code))];
  return codes.flatMap((code) => {
    const current = on === null ? null : versionInForce(templates, code, on);
    const versions = templates.filter((t) => t.code === code);
    const shown = versions.find((t) => t.id === current) ?? versions[versions.length - 1]!;
    const others = on === null ? [] : versions.filter((t) => t.id !== shown.id);
    return [
      { value: `code:${code}`, label: `${shown.name}（第 ${shown.version} 版）${shown.isDraft ? ' · 待确认' : ''}` },
      ...others.map((t) => ({
        value: `id:${t.id}`,
        label: sinceOf(t) > on! ? `${t.name} — 未生效（第 ${t.version} 版，${t.effectiveOn} 起）` : `${t.name} — 已停用（第 ${t.version} 版）`,
      })),
    ];
  });
}
