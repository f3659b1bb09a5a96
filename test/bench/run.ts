import os from 'node:os';
import { benchMemberRoster } from './member-roster';
import { benchDashboard } from './dashboard';
import { benchDuesQueries } from './dues-queries';
import { benchChecklist } from './checklist';
import { benchExportMembers } from './export-members';
import { benchImportMembers } from './import-members';
import { benchOrgQueries } from './org-queries';
import { benchSeedLarge } from './seed-large';
import { benchVolunteerQueries } from './volunteer-queries';
import { benchStats } from './stats';

// `npm run bench`: one JSON document on stdout. Every timing sits next to a raw SQLite
// baseline measured in the same run on the same machine, so ratios compare across machines.
const started = Date.now();
let memberRosterOnLarge: Record<string, unknown> = {};
let volunteerQueriesOnLarge: Record<string, unknown> = {};
let dashboardOnLarge: Record<string, unknown> = {};
let statsOnLarge: Record<string, unknown> = {};
let checklistOnLarge: Record<string, unknown> = {};
const seedLarge = await benchSeedLarge(async (file) => {
  memberRosterOnLarge = await benchMemberRoster(file);
  volunteerQueriesOnLarge = await benchVolunteerQueries(file);
  dashboardOnLarge = await benchDashboard(file);
  statsOnLarge = await benchStats(file);
  // Last on the file: it records manual checks.
  const others = { ...(await benchOrgQueries(file)), ...(await benchDuesQueries(file)) };
  checklistOnLarge = await benchChecklist(file);
  return others;
});
const exportMembersOnMedium = await benchExportMembers();
const importMembers100k = await benchImportMembers();
const { orgCount, orgListMs, orgListRawMs, orgListRatioToRaw, orgSearchMs, orgSearchRawMs, orgSearchRatioToRaw, orgGetMs, orgAddMs, ...rest } = seedLarge;
const { duesOverdueCount, duesMemberScanRawMs, duesOverdueCountyMs, duesOverdueRatioToRaw, duesReportCountyMs, duesReportRatioToRaw, duesOverdueTownshipMs, duesReportTownshipMs, ...seed } = rest;
process.stdout.write(
  `${JSON.stringify(
    {
      machine: { cpus: os.cpus().length, node: process.version, platform: process.platform, loadAverage: os.loadavg().map((n) => Number(n.toFixed(2))) },
      seedLarge: seed,
      memberRosterOnLarge,
      volunteerQueriesOnLarge,
      dashboardOnLarge,
      checklistOnLarge,
      statsOnLarge,
      orgQueriesOnLarge: { orgCount, orgListMs, orgListRawMs, orgListRatioToRaw, orgSearchMs, orgSearchRawMs, orgSearchRatioToRaw, orgGetMs, orgAddMs },
      duesQueriesOnLarge: { duesOverdueCount, duesMemberScanRawMs, duesOverdueCountyMs, duesOverdueRatioToRaw, duesReportCountyMs, duesReportRatioToRaw, duesOverdueTownshipMs, duesReportTownshipMs },
      exportMembersOnMedium,
      importMembers100k,
      totalSeconds: Math.round((Date.now() - started) / 1000),
    },
    null,
    2,
  )}\n`,
);
