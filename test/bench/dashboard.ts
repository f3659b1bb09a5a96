import { organizationEstablishedAt, teamActiveAt, volunteerActiveAt } from '../../src-main/core/db/active-at';
import { openLedgerDb } from '../../src-main/core/db/open';
import { todayInChina } from '../../src-main/core/domain/dates';
import { medianMs, round, dispatchCaller } from './measure';

/**
 * The targets dashboard through the whole stack (dispatch, settings, facts, arithmetic, output
 * validation), beside the raw floor: the same three aggregates (established organisations with
 * their active teams, county-led teams, active volunteers) as one bare prepared statement.
 * Also the heaviest drill-down, the first page of the 200,000 volunteers behind the ‰ target.
 */
export async function benchDashboard(file: string): Promise<Record<string, number>> {
  const db = await openLedgerDb(file);
  const backend = { db };
  const call = dispatchCaller(backend);
  try {
    const asOf = todayInChina(new Date());
    const raw = db.sqlite.prepare(
      `SELECT
         (SELECT count(*) FROM organization o WHERE ${organizationEstablishedAt('o')}
            AND EXISTS (SELECT 1 FROM volunteer_team t WHERE t.organization_id = o.id AND ${teamActiveAt('t')})),
         (SELECT count(*) FROM volunteer_team t WHERE t.led_by_county = 1 AND ${teamActiveAt('t')}),
         (SELECT count(*) FROM volunteer v WHERE ${volunteerActiveAt('v')})`,
    );
    const dashboardRawMs = await medianMs(9, () => raw.get({ asOf }));
    const dashboardMs = await medianMs(9, () => call('dashboard.get', {}));
    const dashboardRecordsVolunteersMs = await medianMs(5, () => call('dashboard.records', { key: 'volunteer_population_rate', part: 'numerator', limit: 200 }));
    const dashboardRecordsLaggingMs = await medianMs(5, () => call('dashboard.records', { key: 'teams_per_organization', part: 'lagging' }));
    const value = await call('dashboard.get', {});
    const targets = value.targets as Array<{ key: string; numerator: number | null }>;
    return {
      dashboardMs,
      dashboardRawMs,
      dashboardRatioToRaw: round(dashboardMs / dashboardRawMs, 2),
      dashboardRecordsVolunteersMs,
      dashboardRecordsLaggingMs,
      dashboardOrganizations: (value.byType as Array<{ organizations: number }>).reduce((n, r) => n + r.organizations, 0),
      dashboardVolunteers: targets.find((t) => t.key === 'volunteer_population_rate')!.numerator ?? 0,
    };
  } finally {
    await db.close();
  }
}
