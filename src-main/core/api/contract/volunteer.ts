import { z } from 'zod';
import { changeEntry, date, empty, id, method, name, nullableDate, optionalText } from './primitives';
import { gender, idType } from './member';

// 注册志愿者, 志愿服务队, 志愿服务记录 and 星级志愿者. Identity numbers and phones leave the
// backend masked; hours travel as numbers of hours (at most two decimals), stored as whole minutes.

export const volunteerStatus = z.enum(['active', 'left']);
export const teamStatus = z.enum(['active', 'dissolved']);
/** 救护员证: expiring = within the next 90 days; expired = before today. */
export const certFilter = z.enum(['expiring', 'expired']);
export const starLevel = z.number().int().min(1).max(5);
const hours = z.number();
const fieldNames = z.array(z.string().trim().min(1)).max(20);

export const volunteerAddInput = z
  .object({
    name,
    idType: idType.default('resident_id'),
    idNumber: z.string().trim().min(1, { message: '不能为空' }).max(40),
    gender: gender.optional(),
    birthDate: date.optional(),
    phone: optionalText(30).default(null),
    /** null: registered directly with the county society. */
    orgId: id.nullable().default(null),
    registeredOn: date.optional(),
    /** Names from the standard list of fields of service. */
    fields: fieldNames.default([]),
    teamIds: z.array(id).max(20).default([]),
    nationalRegistered: z.boolean().default(false),
    nationalNo: optionalText(40).default(null),
    certNo: optionalText(40).default(null),
    certExpiresOn: nullableDate.default(null),
    notes: optionalText(2000).default(null),
  })
  .strict();

export const volunteerUpdateInput = z
  .object({
    id,
    changes: z
      .object({
        name,
        phone: optionalText(30),
        orgId: id.nullable(),
        registeredOn: date,
        fields: fieldNames,
        nationalRegistered: z.boolean(),
        nationalNo: optionalText(40),
        certNo: optionalText(40),
        certExpiresOn: nullableDate,
        notes: optionalText(2000),
      })
      .partial()
      .strict(),
  })
  .strict();

const teamRef = z.object({ id, name: z.string() });

export const volunteer = z.object({
  id,
  personId: id,
  name: z.string(),
  gender: gender.nullable(),
  idType,
  /** Masked, e.g. 330106********123X. */
  idNumber: z.string().nullable(),
  birthDate: z.string().nullable(),
  /** Masked, e.g. 138****5678. */
  phone: z.string().nullable(),
  orgId: id.nullable(),
  /** null when registered directly with the county society. */
  orgName: z.string().nullable(),
  status: volunteerStatus,
  registeredOn: z.string(),
  leftOn: z.string().nullable(),
  isMember: z.boolean(),
  fields: z.array(z.string()),
  teams: z.array(teamRef),
  nationalRegistered: z.boolean(),
  nationalNo: z.string().nullable(),
  certNo: z.string().nullable(),
  certExpiresOn: z.string().nullable(),
  /** The 救护员证 expires within 90 days (or already has). */
  certExpiringSoon: z.boolean(),
  /** Cumulative hours of all recorded service. */
  hours,
  /** Highest star level awarded, or null. */
  starLevel: starLevel.nullable(),
  starAwardedOn: z.string().nullable(),
  /** Highest level the hours reach today that is not yet awarded, or null. */
  eligibleStarLevel: starLevel.nullable(),
  notes: z.string().nullable(),
});

export const volunteerAddResult = volunteer.extend({
  /** True when this person was already a registered volunteer: nothing new was created. */
  alreadyExisted: z.boolean(),
  notices: z.array(z.string()),
});

export const volunteerRow = z.object({
  id,
  personId: id,
  name: z.string(),
  gender: gender.nullable(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  orgId: id.nullable(),
  orgName: z.string().nullable(),
  status: volunteerStatus,
  registeredOn: z.string(),
  hours,
  starLevel: starLevel.nullable(),
  certExpiresOn: z.string().nullable(),
});

export const volunteerListInput = z
  .object({
    /** The organisation and its whole subtree. */
    orgId: id.optional(),
    /** A fragment of the name, or the last digits of an ID number or phone. */
    search: z.string().trim().max(30).optional(),
    status: volunteerStatus.optional(),
    /** A field of service by name. */
    field: z.string().trim().min(1).max(30).optional(),
    /** Current members of this team. */
    teamId: id.optional(),
    cert: certFilter.optional(),
    /** Name in pinyin order or registration date, '-' for descending. A name fragment search sorts by name only. */
    sort: z.enum(['name', '-name', 'registeredOn', '-registeredOn']).default('name'),
    limit: z.number().int().min(1).max(500).default(100),
    after: z.string().max(400).optional(),
  })
  .strict();

export const volunteerPage = z.object({ rows: z.array(volunteerRow), nextCursor: z.string().nullable() });

export const team = z.object({
  id,
  name: z.string(),
  field: z.string().nullable(),
  orgId: id.nullable(),
  orgName: z.string().nullable(),
  /** 县红十字会直属: led directly by the county society (then orgId is null). */
  ledByCounty: z.boolean(),
  leaderPersonId: id.nullable(),
  leaderVolunteerId: id.nullable(),
  leaderName: z.string().nullable(),
  hasPartyBranch: z.boolean(),
  isRegisteredOrg: z.boolean(),
  registrationNo: z.string().nullable(),
  foundedOn: z.string(),
  status: teamStatus,
  dissolvedOn: z.string().nullable(),
  memberCount: z.number().int(),
  notes: z.string().nullable(),
});

const teamFields = {
  name,
  field: optionalText(30),
  leaderVolunteerId: id.nullable(),
  hasPartyBranch: z.boolean(),
  isRegisteredOrg: z.boolean(),
  registrationNo: optionalText(40),
  foundedOn: date,
  notes: optionalText(2000),
};

export const teamAddInput = z
  .object({
    ...teamFields,
    orgId: id.nullable().default(null),
    ledByCounty: z.boolean().default(false),
    field: teamFields.field.default(null),
    leaderVolunteerId: teamFields.leaderVolunteerId.default(null),
    hasPartyBranch: teamFields.hasPartyBranch.default(false),
    isRegisteredOrg: teamFields.isRegisteredOrg.default(false),
    registrationNo: teamFields.registrationNo.default(null),
    foundedOn: teamFields.foundedOn.optional(),
    notes: teamFields.notes.default(null),
  })
  .strict();

export const teamUpdateInput = z
  .object({ id, changes: z.object({ ...teamFields, orgId: id.nullable(), ledByCounty: z.boolean() }).partial().strict() })
  .strict();

export const teamListInput = z
  .object({ orgId: id.optional(), ledByCounty: z.boolean().optional(), includeDissolved: z.boolean().default(true) })
  .strict()
  .default({ includeDissolved: true });

export const serviceEntryInput = z.object({ volunteerId: id, hours }).strict();

export const serviceAddInput = z
  .object({
    heldOn: date,
    teamId: id,
    /** An activity category by name (关爱老人, 世界急救日, …). */
    category: z.string().trim().min(1, { message: '不能为空' }).max(30),
    /** Defaults to the category. */
    title: optionalText(100).default(null),
    place: optionalText(100).default(null),
    households: z.number().int().min(0).nullable().default(null),
    people: z.number().int().min(0).nullable().default(null),
    notes: optionalText(2000).default(null),
    entries: z.array(serviceEntryInput).min(1, { message: '至少登记一名志愿者的服务时长' }).max(500),
  })
  .strict();

export const serviceSummary = z.object({
  id,
  heldOn: z.string(),
  teamId: id.nullable(),
  teamName: z.string().nullable(),
  orgId: id.nullable(),
  orgName: z.string().nullable(),
  category: z.string().nullable(),
  title: z.string(),
  place: z.string().nullable(),
  households: z.number().int().nullable(),
  people: z.number().int().nullable(),
  volunteerCount: z.number().int(),
  hours,
});

export const serviceRecord = serviceSummary.extend({
  notes: z.string().nullable(),
  entries: z.array(
    z.object({ volunteerId: id, name: z.string(), idNumber: z.string().nullable(), hours, minutes: z.number().int() }),
  ),
});

export const serviceListInput = z
  .object({
    teamId: id.optional(),
    orgId: id.optional(),
    volunteerId: id.optional(),
    from: date.optional(),
    to: date.optional(),
    limit: z.number().int().min(1).max(500).default(100),
    after: z.string().max(400).optional(),
  })
  .strict();

export const servicePage = z.object({ rows: z.array(serviceSummary), nextCursor: z.string().nullable() });

export const starCandidate = z.object({
  volunteerId: id,
  name: z.string(),
  idNumber: z.string().nullable(),
  orgName: z.string().nullable(),
  hours,
  /** The level the hours reach (4 or 5). */
  level: starLevel,
  /** Highest level already awarded, or null. */
  awardedLevel: starLevel.nullable(),
});

export const starOverview = z.object({
  asOf: z.string(),
  thresholds: z.array(z.number()),
  levels: z.array(
    z.object({
      level: starLevel,
      thresholdHours: z.number(),
      /** Volunteers whose hours by asOf reach this level without an award at it or above. */
      eligible: z.number().int(),
      /** Awards at this level made on or before asOf. */
      awarded: z.number().int(),
    }),
  ),
  /** Volunteers whose hours reach 4 or 5 stars not yet awarded: to recommend upward. */
  candidates: z.array(starCandidate),
  candidateCount: z.number().int(),
});

export const starAward = z.object({
  id,
  volunteerId: id,
  name: z.string(),
  idNumber: z.string().nullable(),
  orgName: z.string().nullable(),
  level: starLevel,
  awardedOn: z.string(),
  awardingLevel: z.enum(['county', 'city', 'province']),
  documentNo: z.string().nullable(),
  hoursAtAward: hours,
});

export const starRegisterInput = z
  .object({
    volunteerId: id.optional(),
    level: starLevel.optional(),
    limit: z.number().int().min(1).max(500).default(100),
    after: z.string().max(400).optional(),
  })
  .strict();

export const volunteerLookups = z.object({
  fields: z.array(z.string()),
  categories: z.array(z.string()),
  starThresholdsHours: z.array(z.number()),
});

export const volunteerMethods = {
  'volunteer.lookups': method(empty, volunteerLookups),
  'volunteer.list': method(volunteerListInput, volunteerPage),
  'volunteer.add': method(volunteerAddInput, volunteerAddResult),
  'volunteer.get': method(z.object({ id }).strict(), volunteer),
  'volunteer.update': method(volunteerUpdateInput, volunteer),
  'volunteer.leave': method(z.object({ id, leftOn: date.optional(), reason: optionalText(200).optional() }).strict(), volunteer),
  'volunteer.restore': method(z.object({ id }).strict(), volunteer),
  'volunteer.history': method(z.object({ id }).strict(), z.array(changeEntry)),
  /** The full ID number and phone, on the clerk's 显示 click; the viewing is recorded. */
  'volunteer.reveal': method(z.object({ id }).strict(), z.object({ idNumber: z.string().nullable(), phone: z.string().nullable() })),
  'team.list': method(teamListInput, z.array(team)),
  'team.add': method(teamAddInput, team),
  'team.get': method(z.object({ id }).strict(), team),
  'team.update': method(teamUpdateInput, team),
  'team.dissolve': method(z.object({ id, dissolvedOn: date.optional() }).strict(), team),
  'team.addMembers': method(z.object({ teamId: id, volunteerIds: z.array(id).min(1).max(500), joinedOn: date.optional() }).strict(), team),
  'team.removeMember': method(z.object({ teamId: id, volunteerId: id, leftOn: date.optional() }).strict(), team),
  'team.history': method(z.object({ id }).strict(), z.array(changeEntry)),
  'service.add': method(serviceAddInput, serviceRecord),
  'service.get': method(z.object({ id }).strict(), serviceRecord),
  'service.list': method(serviceListInput, servicePage),
  'service.delete': method(z.object({ id }).strict(), z.object({ id, deleted: z.literal(true) })),
  'star.overview': method(z.object({ asOf: date.optional() }).strict().default({}), starOverview),
  'star.award': method(
    z.object({ volunteerId: id, level: starLevel, awardedOn: date.optional(), documentNo: optionalText(60).default(null) }).strict(),
    starAward,
  ),
  'star.register': method(starRegisterInput, z.object({ rows: z.array(starAward), nextCursor: z.string().nullable() })),
  'star.setThresholds': method(z.object({ thresholdsHours: z.array(z.number()) }).strict(), z.object({ thresholdsHours: z.array(z.number()) })),
} as const;

export type Volunteer = z.output<typeof volunteer>;
export type VolunteerRow = z.output<typeof volunteerRow>;
export type VolunteerPage = z.output<typeof volunteerPage>;
export type VolunteerAddResult = z.output<typeof volunteerAddResult>;
export type Team = z.output<typeof team>;
export type ServiceSummary = z.output<typeof serviceSummary>;
export type ServiceRecord = z.output<typeof serviceRecord>;
export type StarOverview = z.output<typeof starOverview>;
export type StarCandidate = z.output<typeof starCandidate>;
export type StarAward = z.output<typeof starAward>;
export type VolunteerLookups = z.output<typeof volunteerLookups>;
