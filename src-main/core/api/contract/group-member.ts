import { z } from 'zod';
import { duesEntry, duesStatus, duesYear } from './dues';
import { changeEntry, date, id, method, name, optionalText } from './primitives';

// 团体会员: units that join as members, identified by the 统一社会信用代码 (GB 32100-2015), or by
// the older 9-character 组织机构代码, accepted with a warning. Contact phones leave masked.

export const groupStatus = z.enum(['active', 'lapsed']);

const groupFields = {
  unitName: name,
  /** 18-character 统一社会信用代码, or a 9-character 组织机构代码 (kept as legacy, with a warning). */
  uscc: z.string().trim().min(1, { message: '不能为空' }).max(30),
  orgId: id.nullable(),
  contactName: optionalText(50),
  contactPhone: optionalText(30),
  joinedOn: date,
  notes: optionalText(2000),
};

export const groupAddInput = z
  .object({
    ...groupFields,
    orgId: groupFields.orgId.default(null),
    contactName: groupFields.contactName.default(null),
    contactPhone: groupFields.contactPhone.default(null),
    joinedOn: date.optional(),
    notes: groupFields.notes.default(null),
  })
  .strict();

export const groupUpdateInput = z.object({ id, changes: z.object(groupFields).partial().strict() }).strict();

export const groupMember = z.object({
  id,
  unitName: z.string(),
  /** Null when only a legacy 组织机构代码 is known. */
  uscc: z.string().nullable(),
  legacyOrgCode: z.string().nullable(),
  orgId: id.nullable(),
  orgName: z.string().nullable(),
  contactName: z.string().nullable(),
  /** Masked unless revealed. */
  contactPhone: z.string().nullable(),
  joinedOn: z.string(),
  status: groupStatus,
  lapsedOn: z.string().nullable(),
  notes: z.string().nullable(),
  /** Dues by year, newest first. */
  dues: z.array(z.object({ year: z.number().int(), status: duesStatus, amountFen: z.number().int(), paidOn: z.string().nullable() })),
});

export const groupSaveResult = groupMember.extend({ notices: z.array(z.string()) });

export const groupRow = z.object({
  id,
  unitName: z.string(),
  uscc: z.string().nullable(),
  legacyOrgCode: z.string().nullable(),
  orgId: id.nullable(),
  orgName: z.string().nullable(),
  contactName: z.string().nullable(),
  /** Masked. */
  contactPhone: z.string().nullable(),
  joinedOn: z.string(),
  status: groupStatus,
});

export const groupListInput = z
  .object({
    orgId: id.optional(),
    /** A fragment of the unit name, or (part of) the credit code. */
    search: z.string().trim().max(50).optional(),
    status: groupStatus.optional(),
    limit: z.number().int().min(1).max(500).default(100),
    after: z.string().max(400).optional(),
  })
  .strict();

export const groupPage = z.object({ rows: z.array(groupRow), nextCursor: z.string().nullable() });

export const groupDuesRecordInput = z
  .object({
    groupId: id,
    year: duesYear,
    status: duesStatus,
    /** Entered by the clerk: units pay what their agreement says, there is no default. */
    amountFen: z.number().int().min(0, { message: '金额不能为负数' }).max(100_000_000).optional(),
    paidOn: date.optional(),
  })
  .strict();

export const groupMethods = {
  'group.add': method(groupAddInput, groupSaveResult),
  'group.update': method(groupUpdateInput, groupSaveResult),
  'group.get': method(z.object({ id }).strict(), groupMember),
  'group.list': method(groupListInput, groupPage),
  'group.lapse': method(z.object({ id, lapsedOn: date.optional(), reason: optionalText(200).optional() }).strict(), groupMember),
  'group.restore': method(z.object({ id }).strict(), groupMember),
  'group.history': method(z.object({ id }).strict(), z.array(changeEntry)),
  /** The contact's full phone, on the clerk's 显示 click; the viewing is recorded. */
  'group.reveal': method(z.object({ id }).strict(), z.object({ contactPhone: z.string().nullable() })),
  'group.dues.record': method(groupDuesRecordInput, duesEntry.omit({ memberId: true }).extend({ groupId: id })),
} as const;

export type GroupMember = z.output<typeof groupMember>;
export type GroupRow = z.output<typeof groupRow>;
export type GroupPage = z.output<typeof groupPage>;
export type GroupSaveResult = z.output<typeof groupSaveResult>;
