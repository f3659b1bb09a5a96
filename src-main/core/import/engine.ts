import { randomUUID } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { ImportOptions, ImportPreview, ImportResult } from '../api/contract/import';
import { backupLedger } from '../db/backup';
import { suspendRosterIndexes } from '../db/roster-index';
import { maskIdNumber } from '../domain/id-number';
import { importKindLabels, sheetFields } from '../domain/sheet-fields';
import { AppError } from '../errors';
import type { JobControl } from '../jobs/registry';
import type { WriteLock } from '../jobs/write-lock';
import { ImportRecorder, type CommitContext } from './commit/context';
import { kindHandler } from './planners';
import { READ_COLUMNS } from './read/refusals';
import type { Plan } from './plan/types';
import { RowFeed, streamSheet, type StagedSheet } from './stage';

// The import in two steps. Preview: read the file (in a worker), find the table, clean and
// plan every row against the ledger — nothing is written. Commit: back up the database, then
// write the whole plan in one transaction; a failure, a cancel or a power cut leaves the ledger
// exactly as before.

export interface Previewed {
  staged: StagedSheet;
  plan: Plan;
  options: ImportOptions;
  preview: ImportPreview;
  /** The ledger as the plan saw it (ledgerState); a commit on a changed ledger is refused. */
  ledgerState: string;
}

/**
 * Changes since the connection opened, and SQLite's count of other connections' commits: any
 * write after a preview started, in this app or another process, changes one of them. A plan
 * made before such a write could add a person twice or update a record an undo removed, so the
 * commit asks for a new preview instead.
 */
function ledgerState(sqlite: BetterSqlite3.Database): string {
  const changes = sqlite.prepare('SELECT total_changes()').pluck().get() as number;
  const version = sqlite.pragma('data_version', { simple: true }) as number;
  return `${changes}:${version}`;
}

export interface PreviewEnv {
  sqlite: BetterSqlite3.Database;
  today: string;
  youthReferenceDate: string | null;
  inWorker?: boolean;
}

export async function previewImport(env: PreviewEnv, file: string, fileName: string, options: ImportOptions, control: JobControl): Promise<Previewed> {
  checkChosenOrgs(env.sqlite, options);
  const state = ledgerState(env.sqlite);
  const remembered = env.sqlite.prepare('SELECT mapping_json FROM import_mapping WHERE kind = ? AND signature = ?').pluck();
  control.progress('读取文件', 0, null);
  let reading = true;
  // A planner that fails stops the read too, instead of leaving the worker reading for nothing.
  const readAbort = new AbortController();
  const { feed, done } = streamSheet(file, fileName, {
    kind: options.kind,
    sheet: options.sheet,
    encoding: options.encoding,
    mapping: options.mapping,
    remembered: (signature) => {
      const json = remembered.get(options.kind, signature) as string | undefined;
      return json ? (JSON.parse(json) as Record<string, string | null>) : null;
    },
    today: env.today,
    signal: AbortSignal.any([control.signal, readAbort.signal]),
    onProgress: (done, total) => control.progress('读取文件', done, total),
    ...(env.inWorker === false ? { inWorker: false } : {}),
  });
  const handler = kindHandler(options.kind);
  let total = 0;
  let phase = '检查数据';
  const plan = (rows: RowFeed, sheetDate: string | null) =>
    handler.plan({
      sqlite: env.sqlite,
      rows,
      sheetDate,
      options,
      today: env.today,
      youthReferenceDate: env.youthReferenceDate,
      signal: control.signal,
      onProgress: (planned) => {
        if (!reading) control.progress(phase, planned, total);
      },
    });
  // Planning runs while the worker reads, unless the planner needs the sheet's own date, which
  // may stand in a footer below the last row.
  const finished = done.then((staged) => {
    reading = false;
    total = staged.rows.length;
    control.progress('检查数据', 0, total);
    return staged;
  });
  let staged: StagedSheet;
  let planned: Plan;
  if (handler.needsSheetDate) {
    staged = await finished;
    planned = await plan(RowFeed.of(staged.rows), staged.sheetDate);
  } else {
    const streaming = plan(feed, null).catch((error: unknown) => {
      readAbort.abort();
      throw error;
    });
    const [read, streamed] = await Promise.all([finished, streaming]);
    staged = read;
    if (read.refed) {
      // The bar starts over, so the clerk is told why.
      phase = '按合并单元格重新检查';
      control.progress(phase, 0, total);
      planned = await plan(RowFeed.of(read.rows), null);
    } else planned = streamed;
  }
  const { beyondColumns, formulaWithoutResult, errorValue } = staged.notes;
  if (beyondColumns) {
    planned.issues.sheetNote(beyondColumns.firstRow, `从本行起有 ${beyondColumns.count} 个单元格在第 ${READ_COLUMNS} 列（${letter(READ_COLUMNS - 1)} 列）之后，远在名册之外，没有读取；如确有内容，请移到名册的列中再导入。`);
  }
  if (formulaWithoutResult) {
    planned.issues.sheetNote(
      formulaWithoutResult.firstRow,
      `从本行起有 ${formulaWithoutResult.count} 个公式单元格没有保存计算结果（常见于其他系统生成的文件），按空白读取；请在 Excel 或 WPS 中打开这个文件、保存后再导入。`,
    );
  }
  if (staged.otherRosterSheets.length > 0) {
    const others = staged.otherRosterSheets;
    planned.issues.sheetNote(
      staged.table.headerRows[0] ?? 1,
      `工作簿中另有 ${others.length} 个工作表也像${importKindLabels[options.kind]}名册（${others.map((s) => `“${s}”`).join('、')}），本次只导入工作表“${staged.sheet}”；其余工作表请分别选择后再导入（命令行用 --sheet）。`,
    );
  }
  if (errorValue) {
    planned.issues.sheetNote(errorValue.firstRow, `从本行起有 ${errorValue.count} 个单元格是错误值（如 #N/A、#REF!），按空白读取；请在原表中改正后再导入。`);
  }
  return { staged, plan: planned, options, preview: toPreview(staged, planned), ledgerState: state };
}

/**
 * The organisations chosen for the whole sheet must exist (and the default one be open) before a
 * row is read: a mistyped --org would otherwise reject every row, or be ignored where rows name
 * their organisation, and the command would still report success.
 */
function checkChosenOrgs(sqlite: BetterSqlite3.Database, options: ImportOptions): void {
  const find = sqlite.prepare('SELECT name, status FROM organization WHERE id = ?');
  if (options.orgId !== null) {
    const org = find.get(options.orgId) as { name: string; status: string } | undefined;
    if (!org) throw new AppError('INVALID_INPUT', `默认所属组织（编号 ${options.orgId}）不存在，请重新选择。`);
    if (org.status === 'retired') throw new AppError('INVALID_INPUT', `默认所属组织“${org.name}”已撤销，不能再加入人员，请重新选择。`);
  }
  if (options.scopeOrgId !== null && !find.get(options.scopeOrgId)) throw new AppError('INVALID_INPUT', `匹配范围（编号 ${options.scopeOrgId}）不存在，请重新选择。`);
}

function letter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function toPreview(staged: StagedSheet, plan: Plan): ImportPreview {
  const fields = sheetFields[plan.kind];
  const labelOf = new Map(fields.map((f) => [f.key, f.label]));
  const { rejected, warnings } = plan.issues.sorted();
  return {
    kind: plan.kind,
    fileName: staged.fileName,
    sheet: staged.sheet,
    sheets: staged.source.sheets.map((s) => s.name),
    headerRows: staged.table.headerRows,
    dataRows: staged.rows.length,
    columns: staged.table.columns.map((c) => ({ index: c.index, letter: letter(c.index), header: c.header, field: c.field, fieldLabel: c.field ? (labelOf.get(c.field) ?? null) : null })),
    fields: fields.map((f) => ({ key: f.key, label: f.label, required: f.required === true })),
    missingRequired: staged.table.missingRequired.map((key) => labelOf.get(key) ?? key),
    mappingRemembered: staged.mappingRemembered,
    sheetDate: staged.sheetDate,
    counts: { inserted: plan.inserted, updated: plan.updated, unchanged: plan.unchanged, rejected: plan.issues.rejectedCount, warnings: warnings.length },
    rejected,
    warnings,
    duplicates: plan.duplicates.map((d) => ({ ...d, idNumber: d.idNumber ? maskIdNumber(d.idNumber) : null })),
    unmatchedOrgs: plan.unmatchedOrgs,
    unmatchedTeams: plan.unmatchedTeams,
    willCreate: { orgs: plan.pendingOrgs.map((o) => o.name), teams: plan.pendingTeams.map((t) => t.name) },
  };
}

export interface CommitEnv {
  sqlite: BetterSqlite3.Database;
  dbFile: string;
  writeLock: WriteLock;
  actor: string;
  now: Date;
}

const chunk = 2000;

export async function commitImport(env: CommitEnv, previewed: Previewed, control: JobControl): Promise<ImportResult> {
  const { plan, staged, preview } = previewed;
  if (preview.missingRequired.length > 0) throw new AppError('INVALID_INPUT', `缺少必填列：${preview.missingRequired.join('、')}，请先在预览中对应好列。`);
  if (plan.actions.length === 0) throw new AppError('INVALID_INPUT', '没有可以导入的行。');
  return env.writeLock.run(async () => {
    // Cancelled while waiting for the lock (the app quitting, say): not worth a backup first.
    if (control.signal.aborted) throw new AppError('CANCELLED');
    control.progress('备份', 0, null);
    const backupFile = await backupLedger(env.sqlite, env.dbFile, '导入前', env.now);
    if (control.signal.aborted) throw new AppError('CANCELLED');

    const { sqlite } = env;
    const at = env.now.toISOString();
    sqlite.exec('BEGIN IMMEDIATE');
    let current = false;
    try {
      // Checked inside the transaction: nothing can change between this check and the writes.
      if (ledgerState(sqlite) !== previewed.ledgerState) throw new AppError('STALE_PREVIEW');
      current = true;
      const importId = Number(
        sqlite
          .prepare(
            `INSERT INTO import_batch (kind, file_name, sheet, options_json, change_batch_id, committed_at, actor, inserted, updated, unchanged, rejected, warnings, backup_file, last_change_id)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
          )
          .run(plan.kind, staged.fileName, staged.sheet, JSON.stringify({ ...previewed.options, uploadId: undefined }), randomUUID(), at, env.actor, preview.counts.inserted, preview.counts.updated, preview.counts.unchanged, preview.counts.rejected, preview.counts.warnings, backupFile).lastInsertRowid,
      );
      const batchId = sqlite.prepare('SELECT change_batch_id FROM import_batch WHERE id = ?').pluck().get(importId) as string;
      const ctx: CommitContext = { sqlite, importId, batchId, actor: env.actor, at, fileName: staged.fileName, orgIds: new Map(), teamIds: new Map() };
      const record = new ImportRecorder(ctx);
      createPendingOrgs(ctx, plan, record);
      createPendingTeams(ctx, plan, record);
      const write = kindHandler(plan.kind).writer(ctx, record);
      // A roster as large as a good part of the ledger loads faster with the roster indexes set
      // aside and rebuilt once, sorted; a few hundred rows are cheaper through the triggers.
      const people = sqlite.prepare('SELECT count(*) FROM person').pluck().get() as number;
      const rebuild = plan.actions.length >= 5000 && plan.actions.length * 4 >= people ? suspendRosterIndexes(sqlite) : [];
      // Yields so progress polls and a cancel get through; the write lock keeps other writers
      // out, and nothing is committed until the end.
      const breathe = async () => {
        await new Promise((resolve) => setImmediate(resolve));
        if (control.signal.aborted) throw new AppError('CANCELLED');
      };
      for (let i = 0; i < plan.actions.length; i++) {
        if (i % chunk === 0) {
          control.progress('写入', i, plan.actions.length);
          await breathe();
        }
        write(plan.actions[i]);
      }
      // The rebuild takes seconds on a large import, so it breathes between its steps too, and
      // counts them: every row is written by now, and a bar at 100 % must still be seen moving.
      for (const [step, restore] of rebuild.entries()) {
        control.progress(`整理索引（${step + 1}/${rebuild.length}）`, plan.actions.length, plan.actions.length);
        await breathe();
        restore();
      }
      record.flush();
      rememberMapping(sqlite, plan.kind, staged, at);
      const last = (sqlite.prepare('SELECT ifnull(max(id), 0) FROM change_log').pluck().get() as number) ?? 0;
      sqlite.prepare('UPDATE import_batch SET last_change_id = ? WHERE id = ?').run(last, importId);
      sqlite.exec('COMMIT');
      control.progress('完成', plan.actions.length, plan.actions.length);
      const { rejected, warnings } = plan.issues.sorted();
      return { importId, counts: preview.counts, rejected, warnings, backupFile };
    } catch (error) {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      // The rollback put back the very ledger the plan saw, though SQLite still counts the undone
      // changes: a cancelled import can be committed again from the same preview.
      if (current) previewed.ledgerState = ledgerState(sqlite);
      throw error;
    }
  });
}

function createPendingOrgs(ctx: CommitContext, plan: Plan, record: ImportRecorder): void {
  if (plan.pendingOrgs.length === 0) return;
  const typeId = ctx.sqlite.prepare('SELECT id FROM organization_type WHERE name = ?').pluck();
  const insert = ctx.sqlite.prepare(`INSERT INTO organization (name, type_id, parent_id, status, created_at, updated_at) VALUES (?, ?, ?, 'active', ?, ?)`);
  for (const org of plan.pendingOrgs) {
    const type = org.typeName ? ((typeId.get(org.typeName) as number | undefined) ?? null) : null;
    try {
      const id = Number(insert.run(org.name, type, org.parentId, ctx.at, ctx.at).lastInsertRowid);
      ctx.orgIds.set(org.ref, id);
      record.inserted('organization', id);
    } catch (error) {
      if (/UNIQUE/.test(String(error))) throw new AppError('DUPLICATE_NAME', `不能新建“${org.name}”：同一上级下已有同名组织。请在预览中把这个名称对应到已有组织。`);
      throw error;
    }
  }
}

/** Teams the clerk chose to create (--create-teams): under the volunteers' organisation, or led by the county when they have none. */
function createPendingTeams(ctx: CommitContext, plan: Plan, record: ImportRecorder): void {
  if (plan.pendingTeams.length === 0) return;
  const insert = ctx.sqlite.prepare(`INSERT INTO volunteer_team (name, organization_id, led_by_county, founded_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`);
  for (const team of plan.pendingTeams) {
    const orgId = team.orgId === null ? null : record.org(team.orgId);
    try {
      const id = Number(insert.run(team.name, orgId, orgId === null ? 1 : 0, team.foundedOn, ctx.at, ctx.at).lastInsertRowid);
      ctx.teamIds.set(team.ref, id);
      record.inserted('volunteer_team', id);
    } catch (error) {
      if (/UNIQUE/.test(String(error))) throw new AppError('DUPLICATE_NAME', `不能新建服务队“${team.name}”：同一组织下已有同名服务队（可能已解散）。请先在“服务队”中恢复或改名。`);
      throw error;
    }
  }
}

/** A mapping the clerk corrected (or accepted) is kept for the next sheet with the same headers. */
function rememberMapping(sqlite: BetterSqlite3.Database, kind: string, staged: StagedSheet, at: string): void {
  const mapping = Object.fromEntries(staged.table.columns.map((c) => [String(c.index), c.field]));
  sqlite
    .prepare(`INSERT INTO import_mapping (kind, signature, mapping_json, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (kind, signature) DO UPDATE SET mapping_json = excluded.mapping_json, updated_at = excluded.updated_at`)
    .run(kind, staged.signature, JSON.stringify(mapping), at);
}
