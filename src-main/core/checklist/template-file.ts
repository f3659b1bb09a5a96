import { z } from 'zod';
import { parseRule, type Rule } from './rules';

// The template file a city or province issues so every county evaluates the same items:
// JSON with a format name and version. Parsing is in two steps so a refusal names the item
// and the rule; export writes keys in one fixed order, so export → import → export is byte-stable.

export const templateFormat = 'hongh-checklist-template';
export const templateFormatVersion = 1;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD' });

const itemShape = z
  .object({
    seq: z.number().int().min(1).max(999),
    title: z.string().trim().min(1, { message: '不能为空' }).max(100, { message: '不能超过 100 个字' }),
    description: z.string().trim().max(1000).nullable().default(null),
    mode: z.enum(['auto', 'manual']),
    rule: z.unknown().optional(),
    appliesTo: z.array(z.string().trim().min(1)).max(50).default([]),
  })
  .strict();

const fileShape = z
  .object({
    format: z.literal(templateFormat, { message: `不是达标模板文件（format 应为 ${templateFormat}）` }),
    formatVersion: z.literal(templateFormatVersion, { message: `模板文件版本不受支持（应为 ${templateFormatVersion}）` }),
    template: z
      .object({
        code: z.string().trim().min(1, { message: '不能为空' }).max(50),
        name: z.string().trim().min(1, { message: '不能为空' }).max(100),
        issuer: z.string().trim().max(200).nullable().default(null),
        version: z.string().trim().min(1, { message: '不能为空' }).max(30),
        effectiveOn: isoDate.nullable().default(null),
        items: z.array(itemShape).min(1, { message: '至少要有一项' }).max(100),
      })
      .strict(),
  })
  .strict();

export interface TemplateFileItem {
  seq: number;
  title: string;
  description: string | null;
  mode: 'auto' | 'manual';
  rule: Rule | null;
  appliesTo: string[];
}

export interface TemplateFileContent {
  code: string;
  name: string;
  issuer: string | null;
  version: string;
  effectiveOn: string | null;
  items: TemplateFileItem[];
}

export type ParseResult = { ok: true; template: TemplateFileContent } | { ok: false; message: string };

/** Validates a template definition (from a file or the editor) and its rules; the message is Chinese. */
export function parseTemplateContent(raw: unknown): ParseResult {
  const parsed = fileShape.shape.template.safeParse(raw);
  if (!parsed.success) return { ok: false, message: describe(parsed.error, 'template') };
  return checkItems(parsed.data);
}

export function parseTemplateFile(text: string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: '模板文件不是有效的 JSON。' };
  }
  const parsed = fileShape.safeParse(json);
  if (!parsed.success) return { ok: false, message: describe(parsed.error, '') };
  return checkItems(parsed.data.template);
}

function describe(error: z.ZodError, prefix: string): string {
  const issue = error.issues[0]!;
  const path = issue.path.map(String);
  const itemIndex = path.indexOf('items');
  if (itemIndex >= 0 && path[itemIndex + 1] !== undefined) {
    return `模板第 ${Number(path[itemIndex + 1]) + 1} 项的「${path.slice(itemIndex + 2).join('.') || '内容'}」${issue.message}。`;
  }
  const field = path.filter((p) => p !== prefix && p !== 'template').join('.');
  return `模板文件${field ? `的「${field}」` : ''}${issue.message}。`;
}

function checkItems(t: z.output<typeof fileShape>['template']): ParseResult {
  const seqs = new Set<number>();
  const items: TemplateFileItem[] = [];
  for (const item of t.items) {
    const where = `第 ${item.seq} 项“${item.title}”`;
    if (seqs.has(item.seq)) return { ok: false, message: `模板中有两项的序号都是 ${item.seq}。` };
    seqs.add(item.seq);
    let rule: Rule | null = null;
    if (item.mode === 'auto') {
      if (item.rule === undefined || item.rule === null) return { ok: false, message: `${where}为自动判断，但没有给出规则。` };
      const r = parseRule(item.rule, where);
      if (!r.ok) return { ok: false, message: r.message };
      rule = r.rule;
    } else if (item.rule !== undefined && item.rule !== null) {
      return { ok: false, message: `${where}为人工核查，不应带规则。` };
    }
    items.push({ seq: item.seq, title: item.title, description: item.description, mode: item.mode, rule, appliesTo: [...new Set(item.appliesTo)] });
  }
  items.sort((a, b) => a.seq - b.seq);
  return { ok: true, template: { code: t.code, name: t.name, issuer: t.issuer, version: t.version, effectiveOn: t.effectiveOn, items } };
}

/** The file text: keys in a fixed order, two-space indent, trailing newline. */
export function templateFileText(t: TemplateFileContent): string {
  const doc = {
    format: templateFormat,
    formatVersion: templateFormatVersion,
    template: {
      code: t.code,
      name: t.name,
      issuer: t.issuer,
      version: t.version,
      effectiveOn: t.effectiveOn,
      items: t.items.map((i) => ({
        seq: i.seq,
        title: i.title,
        description: i.description,
        mode: i.mode,
        ...(i.rule ? { rule: canonicalRule(i.rule) } : {}),
        appliesTo: i.appliesTo,
      })),
    },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Rules re-serialised kind first, then parameters in name order, whatever order they came in. */
function canonicalRule(rule: Rule): unknown {
  const { kind, ...rest } = rule as Rule & Record<string, unknown>;
  const out: Record<string, unknown> = { kind };
  for (const key of Object.keys(rest).sort()) {
    const value = rest[key];
    out[key] = key === 'rules' ? (value as Rule[]).map(canonicalRule) : value;
  }
  return out;
}
