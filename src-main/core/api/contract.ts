import { z } from 'zod';
import { changeEntry, date, empty, id, method, name, nullableDate, optionalText } from './contract/primitives';

export { changeEntry };
import { memberMethods } from './contract/member';
import { volunteerMethods } from './contract/volunteer';
import { duesMethods } from './contract/dues';
import { groupMethods } from './contract/group-member';
import { importMethods } from './contract/import';
import { fileMethods } from './contract/files';
import { exportMethods } from './contract/export';
import { dashboardMethods } from './contract/dashboard';
import { checklistMethods } from './contract/checklist';
import { statsMethods } from './contract/stats';

// The one API contract. Every transport (Electron IPC, loopback HTTP, CLI) carries exactly
// these methods; the dispatcher parses every input with these schemas and every output too,
// so unknown fields (e.g. an unmasked number) can never leak through a handler by accident.
// This file must stay free of Node imports: the renderer compiles against its types.

export const orgStatus = z.enum(['preparing', 'active', 'retired']);
export const bojiaStatus = z.enum(['none', 'building', 'built', 'demonstration']);

export const countySummary = z.object({ divisionCode: z.string(), name: z.string() });

export const appStatus = z.object({
  setupDone: z.boolean(),
  county: countySummary.nullable(),
  clerkName: z.string(),
  schemaVersion: z.number(),
  dbFile: z.string(),
  divisionListVersion: z.string(),
  /** Today where the clerk is (China, UTC+8), as the backend judges dates: the browser's clock and zone may differ. */
  today: z.string(),
});

export const countyInfo = z.object({ code: z.string(), name: z.string(), city: z.string(), province: z.string() });

export const societyTerm = z.object({
  startedOn: date,
  dueOn: date,
  note: optionalText(200).default(null),
});

export const governance = z.object({
  mgmtRationalized: z.boolean().nullable(),
  mgmtRationalizedOn: nullableDate,
  partyGroupEstablished: z.boolean().nullable(),
  partyGroupEstablishedOn: nullableDate,
  supervisoryBoardEstablished: z.boolean().nullable(),
  supervisoryBoardEstablishedOn: nullableDate,
  terms: z.array(societyTerm).max(50),
});

export const county = z.object({
  divisionCode: z.string(),
  name: z.string(),
  city: z.string(),
  province: z.string(),
  divisionListVersion: z.string(),
  governance,
  /** Chinese labels of governance facts still missing; the annual tables warn while any remain. */
  governanceMissing: z.array(z.string()),
});

export const countySetupInput = z.object({
  divisionCode: z.string().trim().regex(/^\d{6}$/, { message: '应为 6 位数字' }),
  name: name.refine((v) => v.endsWith('红十字会'), { message: '应为红十字会的全称，如“杭州市西湖区红十字会”' }),
});

export const settings = z.object({
  clerkName: z.string(),
  /** 会费 defaults in fen: adult 10 元, youth 5 元 unless changed in 设置. */
  duesAdultFen: z.number().int(),
  duesYouthFen: z.number().int(),
  /** Years before this are not judged by the 视为自动退会 rule; null = the first year with dues recorded. */
  duesFirstYear: z.number().int().nullable(),
  /** Youth members are those under 18 on this date; null = on each day itself. */
  youthReferenceDate: z.string().nullable(),
  /** The office's 联系电话 printed in full under the annual tables; null leaves a blank line. */
  statsContactPhone: z.string().nullable(),
});

const duesDefaultFen = z.number().int().min(0, { message: '不能为负数' }).max(10_000_000, { message: '金额过大' });

export const orgType = z.object({ id, name: z.string(), isSchool: z.boolean(), isCommunity: z.boolean() });

export const orgSummary = z.object({
  id,
  name: z.string(),
  type: z.string().nullable(),
  typeId: id.nullable(),
  parentId: id.nullable(),
  status: orgStatus,
  foundedOn: z.string().nullable(),
  retiredOn: z.string().nullable(),
  divisionCode: z.string().nullable(),
  bojiaStatus,
  childCount: z.number().int(),
});

export const org = orgSummary.extend({
  leaderName: z.string().nullable(),
  /** Masked unless the caller asked to reveal it. */
  leaderPhone: z.string().nullable(),
  termStartedOn: z.string().nullable(),
  termEndsOn: z.string().nullable(),
  redCrossNamed: z.boolean(),
  serviceSite: z.string().nullable(),
  notes: z.string().nullable(),
  path: z.array(z.object({ id, name: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const orgFields = {
  name,
  type: z.string().trim().min(1).nullable(),
  divisionCode: z
    .string()
    .trim()
    .regex(/^\d{12}$/, { message: '统计用区划代码应为 12 位数字' })
    .nullable(),
  foundedOn: nullableDate,
  leaderName: optionalText(50),
  leaderPhone: optionalText(30),
  termStartedOn: nullableDate,
  termEndsOn: nullableDate,
  status: z.enum(['preparing', 'active']),
  bojiaStatus,
  redCrossNamed: z.boolean(),
  serviceSite: optionalText(200),
  notes: optionalText(2000),
};

export const orgAddInput = z
  .object({
    ...orgFields,
    parentId: id.nullable().default(null),
    type: orgFields.type.default(null),
    divisionCode: orgFields.divisionCode.default(null),
    foundedOn: orgFields.foundedOn.default(null),
    leaderName: orgFields.leaderName.default(null),
    leaderPhone: orgFields.leaderPhone.default(null),
    termStartedOn: orgFields.termStartedOn.default(null),
    termEndsOn: orgFields.termEndsOn.default(null),
    status: orgFields.status.default('active'),
    bojiaStatus: orgFields.bojiaStatus.default('none'),
    redCrossNamed: orgFields.redCrossNamed.default(false),
    serviceSite: orgFields.serviceSite.default(null),
    notes: orgFields.notes.default(null),
  })
  .strict();

export const orgUpdateInput = z
  .object({ id, changes: z.object(orgFields).partial().strict() })
  .strict();


export const orgSearchHit = orgSummary.extend({ path: z.string() });

export const checkReport = z.object({
  ok: z.boolean(),
  quickCheck: z.array(z.string()),
  foreignKeyViolations: z.number().int(),
  schemaVersion: z.number().int(),
  latestSchemaVersion: z.number().int(),
  journalMode: z.string(),
  counts: z.record(z.string(), z.number().int()),
});

export const contract = {
  'app.status': method(empty, appStatus),
  'county.lookup': method(z.object({ code: z.string().trim() }).strict(), countyInfo),
  'county.setup': method(countySetupInput.strict(), county),
  'county.get': method(empty, county),
  'county.updateGovernance': method(governance.strict(), county),
  'settings.get': method(empty, settings),
  'settings.update': method(
    z
      .object({
        clerkName: z.string().trim().min(1, { message: '不能为空' }).max(30).optional(),
        duesAdultFen: duesDefaultFen.optional(),
        duesYouthFen: duesDefaultFen.optional(),
        duesFirstYear: z.number().int().min(1990, { message: '不能早于 1990 年' }).max(2200).nullable().optional(),
        youthReferenceDate: nullableDate.optional(),
        /** Checked against the phone rules in the handler; '' or null clears it. */
        statsContactPhone: z.string().trim().max(30, { message: '「联系电话（填报用）」过长' }).nullable().optional(),
      })
      .strict(),
    settings,
  ),
  'orgType.list': method(empty, z.array(orgType)),
  'org.list': method(z.object({ includeRetired: z.boolean().default(true) }).strict().default({ includeRetired: true }), z.array(orgSummary)),
  'org.get': method(z.object({ id, reveal: z.boolean().default(false) }).strict(), org),
  'org.search': method(
    z.object({ query: z.string().trim().min(1, { message: '请输入要查找的名称' }).max(50), limit: z.number().int().min(1).max(500).default(50) }).strict(),
    z.array(orgSearchHit),
  ),
  'org.add': method(orgAddInput, org),
  'org.update': method(orgUpdateInput, org),
  'org.move': method(z.object({ id, parentId: id.nullable() }).strict(), org),
  'org.retire': method(z.object({ id, retiredOn: date.optional(), reason: optionalText(200).optional() }).strict(), org),
  'org.restore': method(z.object({ id }).strict(), org),
  'org.history': method(z.object({ id }).strict(), z.array(changeEntry)),
  'system.check': method(empty, checkReport),
  ...memberMethods,
  ...volunteerMethods,
  ...duesMethods,
  ...groupMethods,
  ...importMethods,
  ...fileMethods,
  ...exportMethods,
  ...dashboardMethods,
  ...checklistMethods,
  ...statsMethods,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type ApiInput<K extends MethodName> = z.input<Contract[K]['input']>;
export type ParsedInput<K extends MethodName> = z.output<Contract[K]['input']>;
export type ApiOutput<K extends MethodName> = z.output<Contract[K]['output']>;
export type Api = { [K in MethodName]: { input: ApiInput<K>; output: ApiOutput<K> } };

export interface ApiError {
  code: string;
  message: string;
}
export type Envelope<T = unknown> = { ok: true; value: T } | { ok: false; error: ApiError };

export type OrgSummary = z.output<typeof orgSummary>;
export type Org = z.output<typeof org>;
export type OrgType = z.output<typeof orgType>;
export type County = z.output<typeof county>;
export type Governance = z.output<typeof governance>;
export type ChangeEntry = z.output<typeof changeEntry>;
export type OrgSearchHit = z.output<typeof orgSearchHit>;
export type AppStatus = z.output<typeof appStatus>;
export type * from './contract/member';
export type * from './contract/volunteer';
export type * from './contract/dues';
export type * from './contract/group-member';
export type * from './contract/import';
export type * from './contract/files';
export type * from './contract/export';
export type * from './contract/dashboard';
export type * from './contract/checklist';
export type * from './contract/stats';
