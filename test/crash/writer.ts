// Child of run-crash-test.ts: writes organisations through the real dispatcher as fast as it can
// until it is killed. One stdout line per step, written synchronously so that a line the parent
// has read is never ahead of the database:
//   ready <orgCount>
//   begin <kind> <id|-> <parentId|null> <name>        (before the call)
//   committed <kind> <id> <parentId|null> <name>      (after the call has returned ok, i.e. committed)
// Usage: node --import tsx test/crash/writer.ts <db file> <round> <seed>
import fs from 'node:fs';
import { dispatch, type Backend } from '../../src-main/core/api/dispatch';
import type { ApiInput, ApiOutput, MethodName, OrgSummary } from '../../src-main/core/api/contract';
import { openLedgerDb } from '../../src-main/core/db/open';
import { parentNames, prng, type ActionKind } from './shared';

function say(line: string): void {
  fs.writeSync(1, `${line}\n`);
}

async function main(): Promise<void> {
  const [file, roundArg, seedArg] = process.argv.slice(2);
  if (!file || !roundArg || !seedArg) throw new Error('usage: writer.ts <db file> <round> <seed>');
  const round = Number(roundArg);
  const random = prng(Number(seedArg));
  const db = await openLedgerDb(file);
  const backend: Backend = { db, log: (m) => process.stderr.write(`${m}\n`) };

  async function call<K extends MethodName>(method: K, input: ApiInput<K>) {
    const result = await dispatch(backend, method, input);
    if (!result.ok) {
      process.stderr.write(`${method} ${JSON.stringify(input)} failed: ${result.error.code} ${result.error.message}\n`);
      process.exit(3);
    }
    return result.value as OrgSummary;
  }

  const listed = await dispatch(backend, 'org.list', {});
  if (!listed.ok) throw new Error(`org.list failed: ${listed.error.code}`);
  const existing = listed.value as ApiOutput<'org.list'>;
  const orgs = new Map<number, { name: string; parentId: number | null }>(existing.map((o) => [o.id, { name: o.name, parentId: o.parentId }]));
  const parents = parentNames.map((name) => existing.find((o) => o.name === name && o.parentId === null)?.id);
  if (parents.some((p) => p === undefined)) throw new Error('the parent organisations are missing');
  const [a, b] = parents as [number, number];
  const movable = [...orgs.keys()].filter((id) => id !== a && id !== b);
  say(`ready ${orgs.size}`);

  for (let n = 1; ; n++) {
    const roll = random();
    const kind: ActionKind = movable.length === 0 || roll < 0.4 ? 'add' : roll < 0.7 ? 'update' : 'move';
    if (kind === 'add') {
      const parentId = [a, b, null][Math.floor(random() * 3)]!;
      const name = `第${round}轮第${n}号社区红十字会`;
      say(`begin add - ${parentId} ${name}`);
      const org = await call('org.add', { name, parentId, type: '社区' });
      orgs.set(org.id, { name: org.name, parentId: org.parentId });
      movable.push(org.id);
      say(`committed add ${org.id} ${org.parentId} ${org.name}`);
    } else {
      const id = movable[Math.floor(random() * movable.length)]!;
      const current = orgs.get(id)!;
      if (kind === 'update') {
        const name = `第${round}轮第${n}号改名红十字会`;
        say(`begin update ${id} ${current.parentId} ${name}`);
        const org = await call('org.update', { id, changes: { name } });
        current.name = org.name;
        say(`committed update ${org.id} ${org.parentId} ${org.name}`);
      } else {
        const parentId = current.parentId === a ? b : a;
        say(`begin move ${id} ${parentId} ${current.name}`);
        const org = await call('org.move', { id, parentId });
        current.parentId = org.parentId;
        say(`committed move ${org.id} ${org.parentId} ${org.name}`);
      }
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`writer failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(2);
});
