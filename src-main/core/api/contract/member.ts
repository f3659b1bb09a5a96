import { z } from 'zod';
import { changeEntry, date, id, method, name, nullableDate, optionalText } from './primitives';

// 个人会员 (adult and youth members). Identity numbers and phones leave the backend masked,
// except from member.reveal, which the clerk triggers explicitly and which is audited.

export const idType = z.enum(['resident_id', 'hmt_residence_permit', 'hm_travel_permit', 'passport', 'foreign_permanent_id']);
export const memberKind = z.enum(['adult', 'youth']);
export const memberStatus = z.enum(['active', 'lapsed']);
export const gender = z.enum(['M', 'F']);

const guardianFields = {
  guardianName: optionalText(50),
  guardianRelation: optionalText(20),
  guardianPhone: optionalText(30),
  guardianConsentOn: nullableDate,
  guardianConsentMethod: optionalText(50),
};

export const memberAddInput = z
  .object({
    orgId: id,
    name,
    idType: idType.default('resident_id'),
    idNumber: z.string().trim().min(1, { message: '不能为空' }).max(40),
    /** Derived from the age on the reference date when not given. */
    kind: memberKind.optional(),
    /** Only for documents other than the 居民身份证, whose number carries both. */
    gender: gender.optional(),
    birthDate: date.optional(),
    phone: optionalText(30).default(null),
    joinedOn: date.optional(),
    notes: optionalText(2000).default(null),
    guardianName: guardianFields.guardianName.default(null),
    guardianRelation: guardianFields.guardianRelation.default(null),
    guardianPhone: guardianFields.guardianPhone.default(null),
    guardianConsentOn: guardianFields.guardianConsentOn.default(null),
    guardianConsentMethod: guardianFields.guardianConsentMethod.default(null),
  })
  .strict();

export const memberUpdateInput = z
  .object({
    id,
    changes: z
      .object({ name, phone: optionalText(30), gender, birthDate: date, notes: optionalText(2000), ...guardianFields })
      .partial()
      .strict(),
  })
  .strict();

export const member = z.object({
  id,
  personId: id,
  name: z.string(),
  kind: memberKind,
  gender: gender.nullable(),
  idType,
  /** Masked, e.g. 330106********123X. */
  idNumber: z.string().nullable(),
  birthDate: z.string().nullable(),
  /** Masked, e.g. 138****5678. */
  phone: z.string().nullable(),
  orgId: id,
  orgName: z.string(),
  status: memberStatus,
  joinedOn: z.string(),
  lapsedOn: z.string().nullable(),
  lapseReason: z.string().nullable(),
  guardianName: z.string().nullable(),
  guardianRelation: z.string().nullable(),
  guardianPhone: z.string().nullable(),
  guardianConsentOn: z.string().nullable(),
  guardianConsentMethod: z.string().nullable(),
  /** Youth member who is 18 or older on the reference date: to be converted to an adult member. */
  dueForAdultConversion: z.boolean(),
  notes: z.string().nullable(),
});

export const memberAddResult = member.extend({
  /** True when the ID number was already in the ledger: nothing new was created. */
  alreadyExisted: z.boolean(),
  /** What the clerk should know: a 15-digit number upgraded, a typed birth date or gender overruled by the ID. */
  notices: z.array(z.string()),
});

export const memberRow = z.object({
  id,
  name: z.string(),
  kind: memberKind,
  gender: gender.nullable(),
  /** Masked. */
  idNumber: z.string().nullable(),
  /** Masked. */
  phone: z.string().nullable(),
  orgId: id,
  orgName: z.string(),
  status: memberStatus,
  joinedOn: z.string(),
});

export const memberSort = z.enum(['name', '-name', 'joinedOn', '-joinedOn']);

export const memberListInput = z
  .object({
    /** The organisation and its whole subtree. */
    orgId: id.optional(),
    /** A fragment of the name (any length), or the last digits of an ID number or phone. */
    search: z.string().trim().max(30).optional(),
    status: memberStatus.optional(),
    kind: memberKind.optional(),
    /** Members who joined in this year. */
    joinedYear: z.number().int().min(1950).max(2100).optional(),
    /** Name in pinyin order or join date, '-' for descending. A name fragment search sorts by name only. */
    sort: memberSort.default('name'),
    limit: z.number().int().min(1).max(500).default(100),
    /** Opaque cursor from the previous page's nextCursor (of the same sort). */
    after: z.string().max(400).optional(),
  })
  .strict();

export const memberPage = z.object({ rows: z.array(memberRow), nextCursor: z.string().nullable() });

export const memberMethods = {
  'member.list': method(memberListInput, memberPage),
  'member.add': method(memberAddInput, memberAddResult),
  'member.get': method(z.object({ id }).strict(), member),
  'member.reveal': method(z.object({ id }).strict(), z.object({ idNumber: z.string().nullable(), phone: z.string().nullable(), guardianPhone: z.string().nullable() })),
  'member.update': method(memberUpdateInput, member),
  'member.lapse': method(z.object({ id, lapsedOn: date.optional(), reason: optionalText(200).optional() }).strict(), member),
  'member.restore': method(z.object({ id }).strict(), member),
  'member.transfer': method(z.object({ id, orgId: id }).strict(), member),
  /** A youth member who has turned 18 (on the reference date) becomes an adult member. */
  'member.convertToAdult': method(z.object({ id, convertedOn: date.optional() }).strict(), member),
  'member.history': method(z.object({ id }).strict(), z.array(changeEntry)),
} as const;

export type Member = z.output<typeof member>;
export type MemberRow = z.output<typeof memberRow>;
export type MemberSort = z.output<typeof memberSort>;
export type MemberPage = z.output<typeof memberPage>;
export type MemberAddResult = z.output<typeof memberAddResult>;
