import type { ImportKind } from '../domain/sheet-fields';
import { AppError } from '../errors';
import type { CommitContext, ImportRecorder } from './commit/context';
import { groupMemberWriter } from './commit/group-members';
import { hoursWriter } from './commit/hours';
import { memberWriter } from './commit/members';
import { orgWriter } from './commit/orgs';
import { teamWriter } from './commit/teams';
import { volunteerWriter } from './commit/volunteers';
import { planGroupMembers } from './plan/group-members';
import { planHours } from './plan/hours';
import { planMembers } from './plan/members';
import { planOrgs } from './plan/orgs-sheet';
import { planTeams } from './plan/teams-sheet';
import { planVolunteers } from './plan/volunteers';
import type { Plan, PlanInput } from './plan/types';

// One planner and one writer per import kind: the planner turns staged rows into actions
// (reading the ledger, writing nothing); the writer applies one action inside the commit.

export interface KindHandler {
  plan(input: PlanInput): Promise<Plan>;
  /** The planner reads the sheet's own date, so it starts only after the whole read. */
  needsSheetDate?: boolean;
  writer(ctx: CommitContext, record: ImportRecorder): (action: unknown) => void;
}

const members: KindHandler = {
  plan: planMembers,
  writer: (ctx, record) => memberWriter(ctx, record) as (action: unknown) => void,
};

/** Pairs a planner with its writer, checking at compile time that they agree on the action type. */
function kind<A>(plan: (input: PlanInput) => Promise<Plan<A>>, writer: (ctx: CommitContext, record: ImportRecorder) => (action: A) => void): KindHandler {
  return { plan, writer: (ctx, record) => writer(ctx, record) as (action: unknown) => void };
}

const handlers: Partial<Record<ImportKind, KindHandler>> = {
  members,
  'youth-members': members,
  volunteers: { ...kind(planVolunteers, volunteerWriter), needsSheetDate: true },
  'group-members': kind(planGroupMembers, groupMemberWriter),
  teams: kind(planTeams, teamWriter),
  hours: kind(planHours, hoursWriter),
  orgs: kind(planOrgs, orgWriter),
};

export function kindHandler(kind: ImportKind): KindHandler {
  const handler = handlers[kind];
  if (!handler) throw new AppError('FILE_REFUSED', '这种名册的导入还没有完成。');
  return handler;
}
