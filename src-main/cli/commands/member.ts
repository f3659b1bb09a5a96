import { clearable, defined, idFrom, intFlag, optionalInt, UsageError, type CommandTable, type Flags } from '../args';

export const memberUsage = `  member add --org ID --name 姓名 --id-number 证件号码 [--id-type resident_id|hmt_residence_permit|hm_travel_permit|passport|foreign_permanent_id]
             [--kind adult|youth] [--phone 电话] [--join-date YYYY-MM-DD] [--birth-date YYYY-MM-DD] [--gender M|F]
             [--guardian-name 姓名 --guardian-relation 关系 --guardian-phone 电话 --guardian-consent-on YYYY-MM-DD --guardian-consent-method 方式]
  member list [--org ID] [--search 文字] [--status active|lapsed] [--kind adult|youth] [--year 入会年份] [--sort name|-name|joinedOn|-joinedOn] [--limit N] [--after CURSOR]
  member get|history|restore --id ID
  member update --id ID [--name 姓名] [--phone 电话] [--notes 备注]
  member lapse --id ID [--on YYYY-MM-DD] [--reason 原因] --yes
  member transfer --id ID --org ID
  member convert --id ID [--on YYYY-MM-DD]      青少年会员满 18 周岁转为成人会员`;

function memberAddInput(flags: Flags): Record<string, unknown> {
  return {
    orgId: intFlag(flags.org, 'org'),
    name: flags.name ?? '',
    idNumber: flags['id-number'] ?? '',
    ...defined({
      idType: flags['id-type'],
      kind: flags.kind,
      phone: flags.phone,
      joinedOn: flags['join-date'],
      birthDate: flags['birth-date'],
      gender: flags.gender,
      notes: flags.notes,
      guardianName: flags['guardian-name'],
      guardianRelation: flags['guardian-relation'],
      guardianPhone: flags['guardian-phone'],
      guardianConsentOn: flags['guardian-consent-on'],
      guardianConsentMethod: flags['guardian-consent-method'],
    }),
  };
}

export const memberCommands: CommandTable = {
  'member list': (flags) => ({
    method: 'member.list',
    input: defined({
      orgId: optionalInt(flags.org, 'org'),
      search: flags.search,
      status: flags.status,
      kind: flags.kind,
      sort: flags.sort,
      joinedYear: optionalInt(flags.year, 'year'),
      limit: optionalInt(flags.limit, 'limit'),
      after: flags.after,
    }),
  }),
  'member add': (flags) => ({ method: 'member.add', input: memberAddInput(flags) }),
  'member get': (flags, rest) => ({ method: 'member.get', input: { id: idFrom(flags, rest) } }),
  'member history': (flags, rest) => ({ method: 'member.history', input: { id: idFrom(flags, rest) } }),
  'member restore': (flags, rest) => ({ method: 'member.restore', input: { id: idFrom(flags, rest) } }),
  'member update': (flags, rest) => {
    const changes = defined({ name: flags.name, phone: clearable(flags.phone), notes: clearable(flags.notes) });
    if (Object.keys(changes).length === 0) throw new UsageError('member update 需要至少一个要修改的字段，如 --phone。');
    return { method: 'member.update', input: { id: idFrom(flags, rest), changes } };
  },
  'member lapse': (flags, rest) => {
    if (!flags.yes) throw new UsageError('会员退会需要确认：请加上 --yes。');
    return { method: 'member.lapse', input: { id: idFrom(flags, rest), ...defined({ lapsedOn: flags.on, reason: flags.reason }) } };
  },
  'member convert': (flags, rest) => ({ method: 'member.convertToAdult', input: { id: idFrom(flags, rest), ...defined({ convertedOn: flags.on }) } }),
  'member transfer': (flags, rest) => ({ method: 'member.transfer', input: { id: idFrom(flags, rest), orgId: intFlag(flags.org, 'org') } }),
};
