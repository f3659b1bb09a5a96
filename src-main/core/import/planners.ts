import type { ImportKind } from '../domain/sheet-fields';
import { AppError } from '../errors';
import type { CommitContext, ImportRecorder } from './commit/context';
import { memberWriter } from './commit/members';
import { planMembers } from './plan/members';
import type { Plan, PlanInput } from './plan/types';

// One planner and one writer per import kind: the planner turns staged rows into actions
// (reading the ledger, writing nothing); the writer applies one action inside the commit.

export interface KindHandler {
  plan(input: PlanInput): Promise<Plan>;
  writer(ctx: CommitContext, record: ImportRecorder): (action: unknown) => void;
}

const members: KindHandler = {
  plan: planMembers,
  writer: (ctx, record) => memberWriter(ctx, record) as (action: unknown) => void,
};

const handlers: Partial<Record<ImportKind, KindHandler>> = {
  members,
  'youth-members': members,
};

export function kindHandler(kind: ImportKind): KindHandler {
  const handler = handlers[kind];
  if (!handler) throw new AppError('FILE_REFUSED', '这种名册的导入还没有完成。');
  return handler;
}
