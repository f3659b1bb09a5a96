import { z } from 'zod';
import { ruleSchema } from '../../checklist/rules';
import { date, id, method, optionalText } from './primitives';

// 达标检查: standards as versioned templates of items (automatic rules or manual checks with
// evidence), the organisations × items matrix as of any date, and template files.

export const cellStatus = z.enum(['met', 'not_met', 'not_applicable', 'unchecked']);
export const checkStatus = z.enum(['met', 'not_met', 'not_applicable']);

export const checklistItem = z.object({
  id,
  seq: z.number().int(),
  title: z.string(),
  description: z.string().nullable(),
  mode: z.enum(['auto', 'manual']),
  rule: ruleSchema.nullable(),
  /** The rule in Chinese; for a manual item, what the checker looks at. */
  ruleText: z.string(),
  /** Organisation type names; empty = every type. */
  appliesTo: z.array(z.string()),
});

export const checklistTemplate = z.object({
  id,
  code: z.string(),
  name: z.string(),
  version: z.string(),
  issuer: z.string().nullable(),
  effectiveOn: z.string().nullable(),
  origin: z.enum(['builtin', 'imported', 'custom']),
  /** A builtin default the county has not confirmed yet. */
  isDefault: z.boolean(),
  /** Shipped as a draft default (e.g. 双三一) and not yet confirmed. */
  isDraft: z.boolean(),
  confirmedOn: z.string().nullable(),
  items: z.array(checklistItem),
});

const templateRef = { templateId: id.optional(), code: z.string().trim().min(1).max(50).optional() };

export const matrixInput = z
  .object({ ...templateRef, asOf: date.optional(), rootOrgId: id.optional(), typeId: id.optional() })
  .strict()
  .refine((v) => v.templateId !== undefined || v.code !== undefined, { message: '请指定模板（编号或代码）' });

const counts = z.object({ met: z.number().int(), notMet: z.number().int(), notApplicable: z.number().int(), unchecked: z.number().int() });

export const checklistMatrix = z.object({
  template: checklistTemplate.omit({ items: true }),
  asOf: z.string(),
  items: z.array(checklistItem.extend({ counts })),
  rows: z.array(
    z.object({
      orgId: id,
      name: z.string(),
      type: z.string().nullable(),
      parentId: id.nullable(),
      /** One status per item, in the order of `items`. */
      cells: z.array(cellStatus),
      met: z.number().int(),
      applicable: z.number().int(),
      meetsAll: z.boolean(),
    }),
  ),
  totals: z.object({ orgs: z.number().int(), meetingAll: z.number().int() }),
  /** Which facts are read as they are now whatever the date (the ledger keeps no history of them). */
  currentValuesNote: z.string(),
});

export const evidenceInfo = z.object({ id, name: z.string(), mimeType: z.string(), size: z.number().int(), sha256: z.string() });

export const checkEntry = z.object({
  statusId: id,
  status: checkStatus,
  checkedOn: z.string(),
  checkedBy: z.string(),
  note: z.string().nullable(),
  recordedAt: z.string(),
  /** The check in force on the cell's date. */
  inForce: z.boolean(),
  evidence: z.array(evidenceInfo),
});

export const checklistCell = z.object({
  orgId: id,
  orgName: z.string(),
  itemId: id,
  itemTitle: z.string(),
  mode: z.enum(['auto', 'manual']),
  ruleText: z.string(),
  asOf: z.string(),
  status: cellStatus,
  reason: z.string(),
  history: z.array(checkEntry),
});

export const templateContentInput = z
  .object({
    code: z.string(),
    name: z.string(),
    issuer: z.string().nullable().default(null),
    version: z.string(),
    effectiveOn: z.string().nullable().default(null),
    items: z.array(
      z
        .object({
          seq: z.number().int(),
          title: z.string(),
          description: z.string().nullable().default(null),
          mode: z.enum(['auto', 'manual']),
          rule: z.unknown().optional(),
          appliesTo: z.array(z.string()).default([]),
        })
        .strict(),
    ),
  })
  .strict();

export const checklistMethods = {
  'checklist.templates': method(z.object({ code: z.string().optional() }).strict().default({}), z.array(checklistTemplate)),
  'checklist.confirmTemplate': method(z.object({ templateId: id }).strict(), checklistTemplate),
  /** Editing a template saves a new version; checks recorded against the old items stay with them. */
  'checklist.saveTemplate': method(z.object({ template: templateContentInput }).strict(), checklistTemplate),
  'checklist.importTemplate': method(
    z.object({ text: z.string().max(1_000_000, { message: '模板文件不能超过 1 MB' }), replace: z.boolean().default(false) }).strict(),
    checklistTemplate,
  ),
  /** By code: the version in force today. */
  'checklist.exportTemplate': method(
    z.object(templateRef).strict().refine((v) => v.templateId !== undefined || v.code !== undefined, { message: '请指定模板（编号或代码）' }),
    z.object({ templateId: id, fileName: z.string(), text: z.string() }),
  ),
  'checklist.matrix': method(matrixInput, checklistMatrix),
  'checklist.cell': method(z.object({ orgId: id, itemId: id, asOf: date.optional() }).strict(), checklistCell),
  'checklist.setStatus': method(
    z
      .object({
        orgId: id,
        itemId: id,
        status: checkStatus,
        checkedOn: date.optional(),
        checkedBy: optionalText(30).optional(),
        note: optionalText(500).optional(),
        evidenceUploadIds: z.array(z.string()).max(20, { message: '一次最多 20 个文件' }).default([]),
      })
      .strict(),
    checkEntry,
  ),
  'checklist.evidence': method(
    z.object({ evidenceId: id }).strict(),
    evidenceInfo.extend({
      state: z.enum(['intact', 'missing', 'tampered']),
      problem: z.string().nullable(),
      /** data: URL of the file when intact, for the preview (image or PDF). */
      dataUrl: z.string().nullable(),
    }),
  ),
} as const;

export type ChecklistTemplate = z.output<typeof checklistTemplate>;
export type ChecklistItem = z.output<typeof checklistItem>;
export type ChecklistMatrix = z.output<typeof checklistMatrix>;
export type ChecklistCell = z.output<typeof checklistCell>;
export type CheckEntry = z.output<typeof checkEntry>;
export type CellStatus = z.output<typeof cellStatus>;
