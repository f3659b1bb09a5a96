// Every way a file can be refused, as an AppError whose Chinese message tells the clerk what to do next.
import { AppError } from '../../errors';

const saveAsXlsx = '请在 Excel 或 WPS 中打开它，选择“另存为”→“Excel 工作簿(.xlsx)”，再导入新文件。';

export const MAX_FILE_BYTES = 100 * 1024 * 1024;
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;
/** Cells right of this many columns are not read (Excel 2003 stopped here; no roster comes close):
 *  one stray value in column XFD would otherwise make every row 16,384 cells wide in memory. */
export const READ_COLUMNS = 256;

export const refuse = {
  legacyXls: () => new AppError('FILE_REFUSED', `这是旧版 Excel 97-2003（.xls）文件，本程序不读取这种格式。${saveAsXlsx}`),
  encrypted: () =>
    new AppError('FILE_REFUSED', '这个 Excel 文件设置了打开密码，本程序无法读取。请在 Excel 或 WPS 中用密码打开它，取消密码（文件→信息→保护工作簿→用密码进行加密，清空密码）后保存，再导入。'),
  otherOfficeBinary: () => new AppError('FILE_REFUSED', `这不是 Excel 工作簿，而是其他旧版 Office 文件（如 Word 97-2003 文档）。请导入 .xlsx 或 .csv 表格文件。`),
  htmlAsXls: () => new AppError('FILE_REFUSED', `这个文件看起来是 Excel 表格，实际是网页（HTML）格式，常见于从其他系统导出的“.xls”文件，本程序不能直接读取。${saveAsXlsx}`),
  xmlSpreadsheet: () => new AppError('FILE_REFUSED', `这个文件是“XML 电子表格 2003”格式，本程序不能直接读取。${saveAsXlsx}`),
  notWorkbook: (what?: string) =>
    new AppError('FILE_REFUSED', `这个文件不是 Excel 工作簿${what ? `（看起来是${what}）` : ''}。请选择 .xlsx 或 .csv 表格文件。`),
  corruptZip: () => new AppError('FILE_REFUSED', '这个 Excel 文件已损坏或不完整（可能没有下载或复制完整），无法读取。请重新获取原文件；若文件能在 Excel 或 WPS 中打开，请“另存为”一份新的 .xlsx 再导入。'),
  corruptSheet: (sheet: string) =>
    new AppError('FILE_REFUSED', `工作表“${sheet}”的内容已损坏或格式异常，无法读取。${saveAsXlsx}`),
  unsupportedSheet: (sheet: string) =>
    new AppError('FILE_REFUSED', `工作表“${sheet}”的存储方式本程序不能读取。${saveAsXlsx}`),
  binary: () => new AppError('FILE_REFUSED', '这个文件不是表格文件（既不是 Excel 工作簿，也不是 CSV 文本）。请选择 .xlsx 或 .csv 文件。'),
  empty: () => new AppError('FILE_REFUSED', '这个文件是空的（0 字节），请检查是否选错了文件。'),
  noSheet: (sheet: string, names: string[]) =>
    new AppError('FILE_REFUSED', `文件中没有名为“${sheet}”的工作表。现有工作表：${names.map((n) => `“${n}”`).join('、') || '无'}。`),
  noSheets: () => new AppError('FILE_REFUSED', '这个 Excel 工作簿中没有可读取的工作表。'),
  tooLarge: (bytes: number) =>
    new AppError('FILE_TOO_LARGE', `文件有 ${(bytes / 1024 / 1024).toFixed(0)} MB，超过 100 MB 的上限。请把表格按乡镇或单位拆成几个较小的文件，分批导入。`),
  zipBomb: () =>
    new AppError('FILE_TOO_LARGE', '这个 Excel 文件解压后的内容异常巨大（可能是损坏或恶意构造的文件），为安全起见不予读取。请向来源单位索取正常的表格文件。'),
  tooManyRows: (sheet: string) =>
    new AppError('FILE_TOO_LARGE', `工作表“${sheet}”超过 Excel 的上限 1,048,576 行，无法导入。请拆分成几个文件再导入。`),
  tooManyColumns: (sheet: string) =>
    new AppError('FILE_TOO_LARGE', `工作表“${sheet}”超过 Excel 的上限 16,384 列，内容异常，无法导入。请检查文件。`),
  recordTooLong: (row: number) =>
    new AppError('FILE_REFUSED', `CSV 文件第 ${row} 行过长或引号不配对，无法读取。请在 Excel 或 WPS 中打开检查后另存为 .xlsx 再导入。`),
  outOfMemory: () =>
    new AppError('FILE_REFUSED', '文件过大或内容异常，读取时超出内存限制，已停止读取。请把表格拆成几个较小的文件，或在 Excel/WPS 中另存为 .xlsx 后再导入。'),
  workerCrashed: () =>
    new AppError('FILE_REFUSED', '读取文件时意外中断（文件可能过大或内容异常），台账没有任何改变。请在 Excel 或 WPS 中打开检查，另存为 .xlsx 后再导入。'),
  unreadable: (reason: string) => new AppError('FILE_REFUSED', `无法读取这个文件：${reason}。请确认文件存在且没有被其他程序占用。`),
  cancelled: () => new AppError('CANCELLED'),
};

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw refuse.cancelled();
}
