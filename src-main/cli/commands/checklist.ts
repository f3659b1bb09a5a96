import fs from 'node:fs';
import path from 'node:path';
import { defined, intFlag, optionalInt, UsageError, type CommandTable, type Flags } from '../args';

export const checklistUsage = `  checklist templates
  checklist status --template 五有|ID [--as-of YYYY-MM-DD] [--org ID（含下级）]
  checklist set --org ID --item ID --status met|not_met|not_applicable [--date YYYY-MM-DD] [--by 姓名] [--note 说明] [--evidence 文件]...
  checklist import-template 文件 [--replace]
  checklist export-template --template 代码|ID --out 文件`;

const chunkBytes = 1024 * 1024;

/** --template 五有 names a code (the version in force), --template 3 a template id. */
function templateRef(flags: Flags): { templateId: number } | { code: string } {
  const value = flags.template?.trim();
  if (!value) throw new UsageError('请用 --template 指定模板代码（如 五有）或编号。');
  return /^\d+$/.test(value) ? { templateId: Number(value) } : { code: value };
}

type Call = (method: string, input: unknown) => Promise<unknown>;

/** Uploads a local file through the same file.upload* methods the UI uses; returns its upload id. */
async function upload(call: Call, file: string): Promise<string> {
  if (!fs.existsSync(file)) throw new UsageError(`找不到证明材料文件 ${file}。`);
  const size = fs.statSync(file).size;
  const { uploadId } = (await call('file.uploadBegin', { name: path.basename(file), size })) as { uploadId: string };
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(chunkBytes);
    for (let offset = 0; offset < size; ) {
      const read = fs.readSync(fd, buffer, 0, chunkBytes, offset);
      await call('file.uploadChunk', { uploadId, offset, dataBase64: buffer.subarray(0, read).toString('base64') });
      offset += read;
    }
  } finally {
    fs.closeSync(fd);
  }
  await call('file.uploadFinish', { uploadId });
  return uploadId;
}

export const checklistCommands: CommandTable = {
  'checklist templates': () => ({ method: 'checklist.templates', input: {} }),
  'checklist status': (flags) => ({
    method: 'checklist.matrix',
    input: { ...templateRef(flags), ...defined({ asOf: flags['as-of'], rootOrgId: optionalInt(flags.org, 'org') }) },
  }),
  'checklist set': (flags) => {
    const input = {
      orgId: intFlag(flags.org, 'org'),
      itemId: intFlag(flags.item, 'item'),
      status: flags.status ?? '',
      ...defined({ checkedOn: flags.date, checkedBy: flags.by, note: flags.note }),
    };
    const files = flags.evidence ?? [];
    return {
      method: 'checklist.setStatus',
      input,
      run: async (call) => {
        const evidenceUploadIds: string[] = [];
        for (const file of files) evidenceUploadIds.push(await upload(call, file));
        return call('checklist.setStatus', { ...input, evidenceUploadIds });
      },
    };
  },
  'checklist import-template': (flags, rest) => {
    const file = rest[0];
    if (!file) throw new UsageError(`请指定模板文件。\n${checklistUsage}`);
    if (!fs.existsSync(file)) throw new UsageError(`找不到模板文件 ${file}。`);
    return { method: 'checklist.importTemplate', input: { text: fs.readFileSync(file, 'utf8'), replace: flags.replace === true } };
  },
  'checklist export-template': (flags) => {
    const out = flags.out;
    if (!out) throw new UsageError('请用 --out 指定导出的文件名。');
    const input = templateRef(flags);
    return {
      method: 'checklist.exportTemplate',
      input,
      run: async (call) => {
        const value = (await call('checklist.exportTemplate', input)) as { templateId: number; fileName: string; text: string };
        fs.writeFileSync(out, value.text);
        return { templateId: value.templateId, file: out, bytes: Buffer.byteLength(value.text) };
      },
    };
  },
};
