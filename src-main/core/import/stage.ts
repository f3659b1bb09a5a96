import path from 'node:path';
import type { ImportKind } from '../domain/sheet-fields';
import { sheetFields } from '../domain/sheet-fields';
import { AppError } from '../errors';
import { inspectSource, readSheet, readSheetInWorker } from './read/index';
import { csvSheetName } from './read/csv-read';
import { refuse } from './read/refusals';
import type { CellRange, RawCell, RawRow, SheetNotes, SourceInfo } from './read/types';
import { applyMapping, classifyRow, fillMergedDown, findTable, headerSignature, missingRequiredFields, sheetDate, type TableGuess } from './table/index';

// Staging: from a file to the rows of its table, each as field → raw cell, with the sheet's
// row numbers. Nothing here touches the ledger except reading a remembered mapping.

const peekRows = 60;

export interface StageOptions {
  kind: ImportKind;
  sheet?: string | undefined;
  encoding?: 'utf8' | 'gbk' | 'gb18030' | undefined;
  /** Column index → field key (null = ignore); overrides the automatic and remembered mapping. */
  mapping?: Record<string, string | null> | undefined;
  /** A remembered mapping for this layout, looked up by signature. */
  remembered?: (signature: string) => Record<string, string | null> | null;
  today: string;
  signal?: AbortSignal | undefined;
  onProgress?: (done: number, total: number | null) => void;
  /** Tests read in-process; the app reads in a worker with a memory cap. */
  inWorker?: boolean;
}

export interface StagedRow {
  row: number;
  values: Record<string, RawCell>;
  /** The row as read, for the sheet of rejected rows sent back to the township. */
  cells: RawCell[];
}

export interface StagedSheet {
  fileName: string;
  source: SourceInfo;
  sheet: string;
  table: TableGuess;
  signature: string;
  mappingRemembered: boolean;
  rows: StagedRow[];
  /** The 填表日期 in the sheet, else the file's saved date, else today. */
  sheetDate: string;
  /** Cells read as empty although something is there (read/types.ts). */
  notes: SheetNotes;
  /** Other visible sheets that also hold a roster of this kind, when the sheet was picked for
   *  the clerk (a school's workbook of one sheet per class): only the picked one is imported. */
  otherRosterSheets: string[];
}

export interface SheetScore {
  name: string;
  score: number;
  headerFound: boolean;
  /** Hidden in Excel: what the clerk sees is the roster, a hidden sheet is old data or lookups. */
  hidden: boolean;
}

/** Every sheet's likelihood of being the roster of this kind, from its first rows. */
export async function scoreSheets(file: string, fileName: string, kind: ImportKind, encoding?: StageOptions['encoding']): Promise<{ source: SourceInfo; scores: SheetScore[] }> {
  const source = await inspectNamed(file, fileName, encoding);
  const scores: SheetScore[] = [];
  for (const { name, hidden } of source.sheets) {
    const rows: RawRow[] = [];
    await readSheet(file, { sheet: name, maxRows: peekRows, skipMerges: true, ...(encoding ? { encoding } : {}) }, (batch) => void rows.push(...batch));
    const table = findTable(rows, kind);
    scores.push({ name, score: table?.score ?? 0, headerFound: table !== null, hidden: hidden === true });
  }
  return { source, scores };
}

/**
 * The reader decides by content; the name adds what the clerk was told: a "workbook" that is
 * really text was renamed or mislabelled somewhere, and saying so beats importing a guess.
 */
async function inspectNamed(file: string, fileName: string, encoding?: StageOptions['encoding']): Promise<SourceInfo> {
  const extension = path.extname(fileName).toLowerCase();
  const workbookName = ['.xlsx', '.xlsm', '.xls', '.et'].includes(extension);
  let source: SourceInfo;
  try {
    source = await inspectSource(file, encoding ? { encoding } : {});
  } catch (error) {
    // A damaged or bare OLE container named .xls is, for the clerk, an old-format Excel file.
    if (error instanceof AppError && extension === '.xls' && error.message.includes('旧版 Office')) throw refuse.legacyXls();
    throw error;
  }
  if (source.format === 'csv' && workbookName) {
    throw new AppError('FILE_REFUSED', `文件扩展名是“${extension}”，内容却是文本（CSV），不是 Excel 工作簿，可能被改过扩展名。请确认文件来源；若内容无误，请把扩展名改为 .csv，或在 Excel/WPS 中打开后另存为 .xlsx 再导入。`);
  }
  // A CSV file's one sheet is named after the file the clerk chose, not the upload's stored copy.
  if (source.format === 'csv') return { ...source, sheets: [{ name: csvSheetName(fileName) }] };
  return source;
}

export function likeliestSheet(scores: readonly SheetScore[]): string | null {
  let best: SheetScore | null = null;
  const better = (s: SheetScore, than: SheetScore) => (s.hidden !== than.hidden ? !s.hidden : s.score > than.score);
  for (const s of scores) if (s.headerFound && (!best || better(s, best))) best = s;
  return best?.name ?? null;
}

/** Staged rows handed to a planner batch by batch, as the reader delivers them. */
export class RowFeed implements AsyncIterable<readonly StagedRow[]> {
  private readonly batches: StagedRow[][] = [];
  private wake: (() => void) | null = null;
  private ended = false;
  private failure: { error: unknown } | null = null;

  static of(rows: StagedRow[]): RowFeed {
    const feed = new RowFeed();
    feed.push(rows);
    feed.end();
    return feed;
  }

  push(batch: StagedRow[]): void {
    if (batch.length === 0) return;
    this.batches.push(batch);
    this.notify();
  }

  end(): void {
    this.ended = true;
    this.notify();
  }

  fail(error: unknown): void {
    this.failure ??= { error };
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<readonly StagedRow[]> {
    for (;;) {
      if (this.failure) throw this.failure.error;
      const batch = this.batches.shift();
      if (batch) yield batch;
      else if (this.ended) return;
      else await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}

export interface SheetStream {
  /** The rows, fed while the file is still being read, from a table found in its first rows. */
  feed: RowFeed;
  /** The whole staged sheet once read. `refed`: the finished read changed what was fed (merged
   *  cells, which a sheet lists after its rows, moved the header or filled data rows), so the
   *  fed rows must be planned again from `rows`. */
  done: Promise<StagedSheet & { refed: boolean }>;
}

/**
 * Reads the sheet and stages its rows, feeding them to a planner as they arrive so the planning
 * runs while the worker still reads. The header is looked for in the first rows without the
 * sheet's merged cells; the finished read checks that guess and says when it did not hold.
 */
export function streamSheet(file: string, fileName: string, options: StageOptions): SheetStream {
  const feed = new RowFeed();
  const done = readAndStage(file, fileName, options, feed);
  done.then(
    () => feed.end(),
    (error: unknown) => feed.fail(error),
  );
  return { feed, done };
}

async function readAndStage(file: string, fileName: string, options: StageOptions, feed: RowFeed): Promise<StagedSheet & { refed: boolean }> {
  // Only a workbook with several sheets and none chosen needs every sheet's first rows scored;
  // otherwise the header is found in the first rows of the one full read.
  let source = await inspectNamed(file, fileName, options.encoding);
  // A CSV file has one sheet, whatever --sheet says.
  let sheet = source.format === 'csv' ? source.sheets[0]?.name : (options.sheet ?? (source.sheets.length === 1 ? source.sheets[0]?.name : undefined));
  let otherRosterSheets: string[] = [];
  if (sheet === undefined) {
    const scored = await scoreSheets(file, fileName, options.kind, options.encoding);
    source = scored.source;
    sheet = likeliestSheet(scored.scores) ?? source.sheets[0]?.name;
    otherRosterSheets = scored.scores.filter((s) => s.name !== sheet && s.headerFound && !s.hidden).map((s) => s.name);
  }
  if (!sheet || !source.sheets.some((s) => s.name === sheet)) {
    throw new AppError('NO_TABLE', `文件中没有名为“${options.sheet ?? ''}”的工作表。这个文件的工作表有：${source.sheets.map((s) => `“${s.name}”`).join('、')}。`);
  }

  const all: RawRow[] = [];
  const stager = new RowStager(options);
  let early: Layout | null = null;
  let fedUpTo = 0;
  const read = options.inWorker === false ? readSheet : readSheetInWorker;
  const { merges, notes } = await read(
    file,
    {
      sheet,
      ...(options.encoding ? { encoding: options.encoding } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: (p) => options.onProgress?.(p.bytesRead, p.totalBytes),
    },
    (batch) => {
      for (const raw of batch) all.push(raw);
      if (early === null && all.length >= peekRows) early = stager.layout(all, []);
      if (early !== null) {
        feed.push(stager.stage(all, fedUpTo, early));
        fedUpTo = all.length;
      }
    },
  );

  const layout = stager.layout(all, merges);
  if (!layout) {
    throw new AppError(
      'NO_TABLE',
      `在${source.format === 'csv' ? `文件“${path.basename(fileName)}”` : `工作表“${sheet}”`}的前 ${peekRows} 行中找不到${labelOf(options.kind)}名册的表头（如“${sheetFields[options.kind].filter((f) => f.required).map((f) => f.label).join('”“')}”）。请确认选择了正确的${source.format === 'csv' ? '文件' : '工作表'}和导入类型。`,
    );
  }
  const filled = fillMergedDown(all, merges, layout.table.columns);
  // Merges filling title or header rows (序号 merged down over a two-row header) change no row that was fed.
  const held = early !== null && sameLayout(early, layout) && filled.every((row, i) => row === all[i] || row.row < layout.table.dataStartsAt);
  const final = held ? stager : new RowStager(options);
  if (held) feed.push(stager.stage(all, fedUpTo, layout));
  else {
    final.stage(filled, 0, layout);
    if (early === null) feed.push(final.rows);
  }

  return {
    fileName: path.basename(fileName),
    source,
    sheet,
    table: layout.table,
    signature: layout.signature,
    mappingRemembered: layout.remembered,
    rows: final.rows,
    sheetDate: sheetDate(final.aside) ?? source.savedOn ?? options.today,
    refed: early !== null && !held,
    notes,
    otherRosterSheets,
  };
}

interface Layout {
  table: TableGuess;
  signature: string;
  remembered: boolean;
}

function sameLayout(a: Layout, b: Layout): boolean {
  return a.signature === b.signature && JSON.stringify(a.table) === JSON.stringify(b.table);
}

/** Turns raw rows into the table's staged rows, keeping the title and footer rows aside for the sheet's date. */
class RowStager {
  readonly rows: StagedRow[] = [];
  readonly aside: RawRow[] = [];

  constructor(private readonly options: StageOptions) {}

  /** The table in the first rows, with the clerk's or a remembered mapping applied; null when none is found. */
  layout(all: readonly RawRow[], merges: readonly CellRange[]): Layout | null {
    const found = findTable(all.slice(0, peekRows), this.options.kind, merges);
    if (!found) return null;
    const signature = headerSignature(found.columns.map((c) => c.header));
    const remembered = this.options.mapping ? null : (this.options.remembered?.(signature) ?? null);
    const override = this.options.mapping ?? remembered;
    return { table: override ? withMapping(found, override, this.options.kind) : found, signature, remembered: remembered !== null };
  }

  /** Stages all[from…] and returns the newly staged rows (also kept in `rows`). */
  stage(all: readonly RawRow[], from: number, { table }: Layout): StagedRow[] {
    const fresh: StagedRow[] = [];
    const fieldByIndex = table.columns.filter((c) => c.field !== null);
    for (let i = from; i < all.length; i++) {
      const raw = all[i] as RawRow;
      if (raw.row < table.dataStartsAt) {
        this.aside.push(raw);
        continue;
      }
      const kind = classifyRow(raw, table);
      if (kind !== 'data') {
        if (kind === 'footer') this.aside.push(raw);
        continue;
      }
      const values: Record<string, RawCell> = {};
      for (const column of fieldByIndex) values[column.field as string] = raw.cells[column.index] ?? null;
      const staged = { row: raw.row, values, cells: raw.cells };
      fresh.push(staged);
      this.rows.push(staged);
    }
    return fresh;
  }
}

function withMapping(found: TableGuess, override: Record<string, string | null>, kind: ImportKind): TableGuess {
  const byIndex = Object.fromEntries(Object.entries(override).map(([k, v]) => [Number(k), v]));
  const columns = applyMapping(found.columns, byIndex);
  return { ...found, columns, missingRequired: missingRequiredFields(columns, kind) };
}

function labelOf(kind: ImportKind): string {
  return { orgs: '基层组织', members: '会员', 'youth-members': '青少年会员', 'group-members': '团体会员', volunteers: '志愿者', teams: '服务队', hours: '服务时长' }[kind];
}
