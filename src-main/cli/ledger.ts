import { parseArgs } from 'node:util';
import { dispatch, type Backend } from '../core/api/dispatch';
import type { Envelope } from '../core/api/contract';
import { AppError } from '../core/errors';
import { openLedgerDb } from '../core/db/open';
import { defaultDbFile } from '../core/paths';
import { renderHuman } from './render';
import { runSeed } from './seed-command';

// `ledger`: the command-line transport over the same dispatch as the UI. It never prompts;
// with --json stdout carries exactly one JSON document (the value, or {"error":…}).

const usage = `用法: ledger <命令> [--db 文件] [--json]
  init  --county-code 330106 --county-name 杭州市西湖区红十字会 [--clerk 姓名]
  seed  --scale small|medium|large [--seed N]
  check
  org list [--active]
  org get --id ID
  org search --query 片段
  org add --name 名称 [--type 社区] [--parent ID] [--founded-on YYYY-MM-DD] [--status preparing|active]
          [--division-code 12位] [--leader-name 姓名] [--leader-phone 电话] [--notes 备注]
  org update --id ID [与 add 相同的字段]
  org move --id ID (--parent ID | --top)
  org retire --id ID [--on YYYY-MM-DD] [--reason 原因] --yes
  org restore --id ID
  org history --id ID
  member add --org ID --name 姓名 --id-number 证件号码 [--id-type resident_id|hmt_residence_permit|hm_travel_permit|passport|foreign_permanent_id]
             [--kind adult|youth] [--phone 电话] [--join-date YYYY-MM-DD] [--birth-date YYYY-MM-DD] [--gender M|F]
             [--guardian-name 姓名 --guardian-relation 关系 --guardian-phone 电话 --guardian-consent-on YYYY-MM-DD --guardian-consent-method 方式]
  member list [--org ID] [--search 文字] [--status active|lapsed] [--kind adult|youth] [--limit N] [--after CURSOR]
  member get|history|restore --id ID
  member update --id ID [--name 姓名] [--phone 电话] [--notes 备注]
  member lapse --id ID [--on YYYY-MM-DD] [--reason 原因] --yes
  member transfer --id ID --org ID`;

const options = {
  db: { type: 'string' },
  json: { type: 'boolean', default: false },
  yes: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  'county-code': { type: 'string' },
  'county-name': { type: 'string' },
  clerk: { type: 'string' },
  scale: { type: 'string' },
  seed: { type: 'string' },
  id: { type: 'string' },
  name: { type: 'string' },
  type: { type: 'string' },
  parent: { type: 'string' },
  top: { type: 'boolean', default: false },
  'founded-on': { type: 'string' },
  status: { type: 'string' },
  'division-code': { type: 'string' },
  'leader-name': { type: 'string' },
  'leader-phone': { type: 'string' },
  'term-started-on': { type: 'string' },
  'term-ends-on': { type: 'string' },
  'bojia-status': { type: 'string' },
  'service-site': { type: 'string' },
  notes: { type: 'string' },
  on: { type: 'string' },
  reason: { type: 'string' },
  query: { type: 'string' },
  active: { type: 'boolean', default: false },
  org: { type: 'string' },
  search: { type: 'string' },
  limit: { type: 'string' },
  after: { type: 'string' },
  'id-number': { type: 'string' },
  'id-type': { type: 'string' },
  kind: { type: 'string' },
  phone: { type: 'string' },
  'join-date': { type: 'string' },
  'birth-date': { type: 'string' },
  gender: { type: 'string' },
  'guardian-name': { type: 'string' },
  'guardian-relation': { type: 'string' },
  'guardian-phone': { type: 'string' },
  'guardian-consent-on': { type: 'string' },
  'guardian-consent-method': { type: 'string' },
} as const;

type Flags = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values'];

class UsageError extends Error {}

function intFlag(value: string | undefined, flag: string): number {
  if (value === undefined || !/^\d+$/.test(value)) throw new UsageError(`--${flag} 应为正整数编号。`);
  return Number(value);
}

/** Org fields shared by add and update; an empty string clears a field on update. */
function orgFields(flags: Flags, forUpdate: boolean): Record<string, unknown> {
  const pick = (flag: string | undefined) => (flag === undefined ? undefined : forUpdate && flag === '' ? null : flag);
  const fields: Record<string, unknown> = {
    name: flags.name,
    type: pick(flags.type),
    foundedOn: pick(flags['founded-on']),
    status: flags.status,
    divisionCode: pick(flags['division-code']),
    leaderName: pick(flags['leader-name']),
    leaderPhone: pick(flags['leader-phone']),
    termStartedOn: pick(flags['term-started-on']),
    termEndsOn: pick(flags['term-ends-on']),
    bojiaStatus: flags['bojia-status'],
    serviceSite: pick(flags['service-site']),
    notes: pick(flags.notes),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

function defined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

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

/** Maps a command line to one dispatch call (method + input), or to a local command. */
function toCall(command: string[], flags: Flags): { method: string; input: unknown } {
  const [area, verb] = command;
  const idFrom = () => intFlag(flags.id ?? command[2], 'id');
  switch (`${area} ${verb ?? ''}`.trim()) {
    case 'check':
      return { method: 'system.check', input: {} };
    case 'org list':
      return { method: 'org.list', input: { includeRetired: !flags.active } };
    case 'org get':
      return { method: 'org.get', input: { id: idFrom() } };
    case 'org search':
      return { method: 'org.search', input: { query: flags.query ?? command[2] ?? '' } };
    case 'org history':
      return { method: 'org.history', input: { id: idFrom() } };
    case 'org add':
      return {
        method: 'org.add',
        input: { ...orgFields(flags, false), parentId: flags.parent === undefined ? null : intFlag(flags.parent, 'parent') },
      };
    case 'org update': {
      const changes = orgFields(flags, true);
      if (Object.keys(changes).length === 0) throw new UsageError('org update 需要至少一个要修改的字段，如 --name。');
      return { method: 'org.update', input: { id: idFrom(), changes } };
    }
    case 'org move': {
      if (flags.top === (flags.parent !== undefined)) throw new UsageError('org move 需要 --parent ID（移到该组织之下）或 --top（移到顶层）之一。');
      return { method: 'org.move', input: { id: idFrom(), parentId: flags.top ? null : intFlag(flags.parent, 'parent') } };
    }
    case 'org retire':
      if (!flags.yes) throw new UsageError('撤销组织需要确认：请加上 --yes。');
      return { method: 'org.retire', input: { id: idFrom(), ...(flags.on ? { retiredOn: flags.on } : {}), ...(flags.reason ? { reason: flags.reason } : {}) } };
    case 'org restore':
      return { method: 'org.restore', input: { id: idFrom() } };
    case 'member list':
      return {
        method: 'member.list',
        input: defined({
          orgId: flags.org === undefined ? undefined : intFlag(flags.org, 'org'),
          search: flags.search,
          status: flags.status,
          kind: flags.kind,
          limit: flags.limit === undefined ? undefined : intFlag(flags.limit, 'limit'),
          after: flags.after,
        }),
      };
    case 'member add':
      return { method: 'member.add', input: memberAddInput(flags) };
    case 'member get':
      return { method: 'member.get', input: { id: idFrom() } };
    case 'member history':
      return { method: 'member.history', input: { id: idFrom() } };
    case 'member restore':
      return { method: 'member.restore', input: { id: idFrom() } };
    case 'member update': {
      const changes = defined({ name: flags.name, phone: flags.phone === '' ? null : flags.phone, notes: flags.notes === '' ? null : flags.notes });
      if (Object.keys(changes).length === 0) throw new UsageError('member update 需要至少一个要修改的字段，如 --phone。');
      return { method: 'member.update', input: { id: idFrom(), changes } };
    }
    case 'member lapse':
      if (!flags.yes) throw new UsageError('会员退会需要确认：请加上 --yes。');
      return { method: 'member.lapse', input: { id: idFrom(), ...defined({ lapsedOn: flags.on, reason: flags.reason }) } };
    case 'member transfer':
      return { method: 'member.transfer', input: { id: idFrom(), orgId: intFlag(flags.org, 'org') } };
    default:
      throw new UsageError(`未知命令“${command.join(' ')}”。\n${usage}`);
  }
}

function print(json: boolean, value: unknown, human: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
}

function unwrap(envelope: Envelope): unknown {
  if (!envelope.ok) throw new AppError(envelope.error.code as never, envelope.error.message);
  return envelope.value;
}

async function main(argv: string[]): Promise<number> {
  let flags: Flags;
  let command: string[];
  try {
    const parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    flags = parsed.values;
    command = parsed.positionals;
  } catch (error) {
    return reportError(argv.includes('--json'), 'INVALID_INPUT', `参数有误：${(error as Error).message}\n${usage}`);
  }
  if (flags.help || command.length === 0) {
    process.stdout.write(`${usage}\n`);
    return command.length === 0 && !flags.help ? 1 : 0;
  }
  const json = flags.json;
  let call: { method: string; input: unknown } | null = null;
  try {
    if (command[0] !== 'init' && command[0] !== 'seed') call = toCall(command, flags);
  } catch (error) {
    if (error instanceof UsageError) return reportError(json, 'INVALID_INPUT', error.message);
    throw error;
  }
  const file = flags.db ?? defaultDbFile();
  let backend: Backend | null = null;
  try {
    backend = { db: await openLedgerDb(file), log: (m) => process.stderr.write(`${m}\n`) };
    if (command[0] === 'init') {
      const county = unwrap(
        await dispatch(backend, 'county.setup', { divisionCode: flags['county-code'] ?? '', name: flags['county-name'] ?? '' }),
      ) as { divisionCode: string; name: string };
      if (flags.clerk) unwrap(await dispatch(backend, 'settings.update', { clerkName: flags.clerk }));
      const check = unwrap(await dispatch(backend, 'system.check', {})) as { schemaVersion: number };
      const value = { db: file, county: { divisionCode: county.divisionCode, name: county.name }, schemaVersion: check.schemaVersion };
      print(json, value, () => `已就绪：${county.name}（${county.divisionCode}），数据文件 ${file}，结构版本 ${check.schemaVersion}`);
      return 0;
    }
    if (command[0] === 'seed') {
      const stats = await runSeed(backend, flags.scale, flags.seed, json);
      print(json, stats, () => renderHuman('seed', stats));
      return 0;
    }
    const value = unwrap(await dispatch(backend, call!.method, call!.input));
    if (call!.method === 'system.check' && !(value as { ok: boolean }).ok) {
      const message = '数据文件检查未通过，详见报告。';
      process.stderr.write(`${message}\n`);
      if (json) process.stdout.write(`${JSON.stringify({ error: { code: 'CHECK_FAILED', message }, report: value }, null, 2)}\n`);
      else process.stdout.write(`${renderHuman(call!.method, value)}\n`);
      return 1;
    }
    print(json, value, () => renderHuman(call!.method, value));
    return 0;
  } catch (error) {
    if (error instanceof AppError) return reportError(json, error.code, error.message);
    if (error instanceof UsageError) return reportError(json, 'INVALID_INPUT', error.message);
    return reportError(json, 'INTERNAL', `程序内部错误：${(error as Error).message}`);
  } finally {
    await backend?.db.close();
  }
}

function reportError(json: boolean, code: string, message: string): number {
  process.stderr.write(`${message}\n`);
  if (json) process.stdout.write(`${JSON.stringify({ error: { code, message } })}\n`);
  return 1;
}

process.exitCode = await main(process.argv.slice(2));
