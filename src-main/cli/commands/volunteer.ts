import { defined, idFrom, intFlag, optionalInt, UsageError, type CommandTable, type Flags } from '../args';

export const volunteerUsage = `  volunteer add --name 姓名 --id-number 证件号码 [--org ID] [--phone 电话] [--fields 应急救护,无偿献血] [--team ID]
                [--registered-on YYYY-MM-DD] [--national-no 编号] [--cert-no 编号 --cert-expires YYYY-MM-DD]
  volunteer list [--org ID] [--search 文字] [--status active|left] [--team ID] [--field 领域] [--cert expiring|expired] [--sort name|-name|registeredOn|-registeredOn] [--limit N] [--after CURSOR]
  volunteer get|history|restore --id ID
  volunteer leave --id ID [--on YYYY-MM-DD] [--reason 原因] --yes
  team list [--org ID]
  team add --name 名称 (--org ID | --county) [--field 应急救护] [--leader 志愿者ID] [--party-branch] [--founded-on YYYY-MM-DD]
  team get --id ID
  team join --id 服务队ID --volunteer 志愿者ID [--volunteer …] [--on YYYY-MM-DD]
  team dissolve --id ID [--on YYYY-MM-DD] --yes
  hours add --team ID --date YYYY-MM-DD --category 类别 [--title 名称] [--place 地点] [--households N] [--people N]
            --volunteer ID --hours H [--volunteer ID --hours H …]
  hours list [--team ID] [--org ID] [--volunteer ID] [--limit N] [--after CURSOR]
  hours get --id ID
  hours delete --id ID --yes
  stars [--as-of YYYY-MM-DD]
  stars award --volunteer ID --level 1|2|3 --on YYYY-MM-DD [--document-no 文号]
  stars register [--volunteer ID] [--level N] [--limit N] [--after CURSOR]`;

function countFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${flag} 应为非负整数。`);
  return Number(value);
}

function single(values: string[] | undefined, flag: string): string | undefined {
  if (values && values.length > 1) throw new UsageError(`--${flag} 只能给一个。`);
  return values?.[0];
}

/** --volunteer and --hours are paired in the order given. */
function hoursEntries(flags: Flags): Array<{ volunteerId: number; hours: number }> {
  const volunteers = flags.volunteer ?? [];
  const hours = flags.hours ?? [];
  if (volunteers.length === 0) throw new UsageError('请用 --volunteer ID --hours 小时数 至少登记一名志愿者。');
  if (volunteers.length !== hours.length) throw new UsageError(`--volunteer 有 ${volunteers.length} 个而 --hours 有 ${hours.length} 个，应一一对应。`);
  return volunteers.map((v, i) => {
    const h = hours[i]!;
    if (!/^\d+(\.\d+)?$/.test(h)) throw new UsageError(`第 ${i + 1} 个 --hours 应为小时数（如 2 或 1.5），收到“${h}”。`);
    return { volunteerId: intFlag(v, 'volunteer'), hours: Number(h) };
  });
}

export const volunteerCommands: CommandTable = {
  'volunteer list': (flags) => ({
    method: 'volunteer.list',
    input: defined({
      orgId: optionalInt(flags.org, 'org'),
      search: flags.search,
      status: flags.status,
      teamId: optionalInt(flags.team, 'team'),
      field: flags.field,
      cert: flags.cert,
      sort: flags.sort,
      limit: optionalInt(flags.limit, 'limit'),
      after: flags.after,
    }),
  }),
  'volunteer add': (flags) => ({
    method: 'volunteer.add',
    input: {
      name: flags.name ?? '',
      idNumber: flags['id-number'] ?? '',
      orgId: optionalInt(flags.org, 'org') ?? null,
      fields: flags.fields ? flags.fields.split(/[,，、]/).map((f) => f.trim()).filter(Boolean) : [],
      teamIds: flags.team ? [intFlag(flags.team, 'team')] : [],
      ...defined({
        idType: flags['id-type'],
        phone: flags.phone,
        registeredOn: flags['registered-on'],
        nationalRegistered: flags['national-no'] ? true : undefined,
        nationalNo: flags['national-no'],
        certNo: flags['cert-no'],
        certExpiresOn: flags['cert-expires'],
        birthDate: flags['birth-date'],
        gender: flags.gender,
        notes: flags.notes,
      }),
    },
  }),
  'volunteer get': (flags, rest) => ({ method: 'volunteer.get', input: { id: idFrom(flags, rest) } }),
  'volunteer history': (flags, rest) => ({ method: 'volunteer.history', input: { id: idFrom(flags, rest) } }),
  'volunteer restore': (flags, rest) => ({ method: 'volunteer.restore', input: { id: idFrom(flags, rest) } }),
  'volunteer leave': (flags, rest) => {
    if (!flags.yes) throw new UsageError('志愿者退出需要确认：请加上 --yes。');
    return { method: 'volunteer.leave', input: { id: idFrom(flags, rest), ...defined({ leftOn: flags.on, reason: flags.reason }) } };
  },
  'team list': (flags) => ({ method: 'team.list', input: defined({ orgId: optionalInt(flags.org, 'org') }) }),
  'team add': (flags) => {
    if (flags.county && flags.org !== undefined) throw new UsageError('--org 与 --county 只能选其一：服务队属于基层组织，或由县红十字会直属。');
    if (!flags.county && flags.org === undefined) throw new UsageError('请用 --org ID 指定所属基层组织，或用 --county 表示县红十字会直属。');
    return {
      method: 'team.add',
      input: {
        name: flags.name ?? '',
        orgId: flags.county ? null : intFlag(flags.org, 'org'),
        ledByCounty: flags.county,
        hasPartyBranch: flags['party-branch'],
        ...defined({
          field: flags.field,
          leaderVolunteerId: optionalInt(flags.leader, 'leader'),
          foundedOn: flags['founded-on'],
          notes: flags.notes,
        }),
      },
    };
  },
  'team get': (flags, rest) => ({ method: 'team.get', input: { id: idFrom(flags, rest) } }),
  'team join': (flags, rest) => ({
    method: 'team.addMembers',
    input: { teamId: idFrom(flags, rest), volunteerIds: (flags.volunteer ?? []).map((v) => intFlag(v, 'volunteer')), ...defined({ joinedOn: flags.on }) },
  }),
  'team dissolve': (flags, rest) => {
    if (!flags.yes) throw new UsageError('解散服务队需要确认：请加上 --yes。');
    return { method: 'team.dissolve', input: { id: idFrom(flags, rest), ...defined({ dissolvedOn: flags.on }) } };
  },
  'hours add': (flags) => ({
    method: 'service.add',
    input: {
      teamId: intFlag(flags.team, 'team'),
      heldOn: flags.date ?? '',
      category: flags.category ?? '',
      entries: hoursEntries(flags),
      ...defined({
        title: flags.title,
        place: flags.place,
        households: countFlag(flags.households, 'households'),
        people: countFlag(flags.people, 'people'),
        notes: flags.notes,
      }),
    },
  }),
  'hours list': (flags) => ({
    method: 'service.list',
    input: defined({
      teamId: optionalInt(flags.team, 'team'),
      orgId: optionalInt(flags.org, 'org'),
      volunteerId: optionalInt(single(flags.volunteer, 'volunteer'), 'volunteer'),
      limit: optionalInt(flags.limit, 'limit'),
      after: flags.after,
    }),
  }),
  'hours get': (flags, rest) => ({ method: 'service.get', input: { id: idFrom(flags, rest) } }),
  'hours delete': (flags, rest) => {
    if (!flags.yes) throw new UsageError('删除服务记录需要确认：请加上 --yes。');
    return { method: 'service.delete', input: { id: idFrom(flags, rest) } };
  },
  stars: (flags) => ({ method: 'star.overview', input: defined({ asOf: flags['as-of'] }) }),
  'stars award': (flags) => ({
    method: 'star.award',
    input: {
      volunteerId: intFlag(single(flags.volunteer, 'volunteer'), 'volunteer'),
      level: intFlag(flags.level, 'level'),
      ...defined({ awardedOn: flags.on, documentNo: flags['document-no'] }),
    },
  }),
  'stars register': (flags) => ({
    method: 'star.register',
    input: defined({
      volunteerId: optionalInt(single(flags.volunteer, 'volunteer'), 'volunteer'),
      level: optionalInt(flags.level, 'level'),
      limit: optionalInt(flags.limit, 'limit'),
      after: flags.after,
    }),
  }),
};
