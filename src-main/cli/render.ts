// Plain-text rendering for people reading a terminal; --json is the stable format for programs.

const statusLabel: Record<string, string> = { preparing: '筹建', active: '已成立', retired: '撤销' };

type Row = Record<string, unknown>;

export function renderHuman(method: string, value: unknown): string {
  switch (method) {
    case 'import': {
      const r = value as { inserted: number; updated: number; unchanged: number; rejected: Row[]; warnings: Row[]; importId: number | null };
      const lines = [
        `${r.importId ? `已导入（导入记录 ${r.importId}）` : '预览（未写入）'}：新增 ${r.inserted}，更新 ${r.updated}，不变 ${r.unchanged}，拒绝 ${new Set(r.rejected.map((x) => x.row)).size} 行，提示 ${r.warnings.length} 条`,
        ...r.rejected.map((x) => `拒绝\t第 ${x.row} 行\t${x.field}\t${x.reason}`),
        ...r.warnings.map((x) => `提示\t第 ${x.row} 行\t${x.field}\t${x.reason}`),
      ];
      return lines.join('\n');
    }
    case 'org.list':
    case 'org.search':
      return (value as Row[])
        .map((o) => `${o.id}\t${o.name}\t${o.type ?? '（未分类）'}\t${statusLabel[String(o.status)] ?? o.status}\t上级:${o.parentId ?? '—'}\t下级:${o.childCount}`)
        .join('\n') || '（无）';
    case 'org.history':
      return (value as Row[]).map((e) => `${e.at}\t${e.actor}\t${e.actionLabel}\t${e.fieldLabel ?? ''}\t${e.oldValue ?? '—'} → ${e.newValue ?? '—'}`).join('\n') || '（无记录）';
    case 'checklist.templates':
      return (value as Row[])
        .map((t) => `${t.id}\t${t.code}\t第 ${t.version} 版\t${t.name}${t.isDefault ? '\t（默认模板，待确认）' : ''}\n${(t.items as Row[]).map((i) => `  ${i.id}\t${i.seq}. ${i.title}\t${i.mode === 'auto' ? '自动' : '人工'}\t${i.ruleText}`).join('\n')}`)
        .join('\n') || '（无模板）';
    case 'checklist.matrix': {
      const m = value as { asOf: string; template: Row; items: Row[]; rows: Array<{ name: string; cells: string[]; met: number; applicable: number }>; totals: { orgs: number; meetingAll: number } };
      const mark: Record<string, string> = { met: '达标', not_met: '未达标', not_applicable: '不适用', unchecked: '未核查' };
      return [
        `${m.template.name}（第 ${m.template.version} 版），截至 ${m.asOf}：${m.totals.orgs} 个组织，全部适用项达标 ${m.totals.meetingAll} 个`,
        ['组织', ...m.items.map((i) => `${i.seq}. ${i.title}`), '达标项'].join('\t'),
        ...m.rows.map((r) => [r.name, ...r.cells.map((c) => mark[c] ?? c), `${r.met}/${r.applicable}`].join('\t')),
      ].join('\n');
    }
    case 'checklist.exportTemplate': {
      const r = value as { file: string; bytes: number };
      return `已导出模板文件 ${r.file}（${r.bytes} 字节）`;
    }
    case 'system.check': {
      const r = value as { ok: boolean; quickCheck: string[]; schemaVersion: number; latestSchemaVersion: number; foreignKeyViolations: number; counts: Record<string, number> };
      return [
        `完整性：${r.ok ? '正常' : '异常'}（quick_check: ${r.quickCheck.join('；')}；外键问题 ${r.foreignKeyViolations} 处）`,
        `结构版本：${r.schemaVersion}（程序最新 ${r.latestSchemaVersion}）`,
        ...Object.entries(r.counts).map(([k, n]) => `${k}: ${n}`),
      ].join('\n');
    }
    default:
      return JSON.stringify(value, null, 2);
  }
}
