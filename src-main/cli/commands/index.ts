import type { CommandTable } from '../args';
import { dashboardCommands, dashboardUsage } from './dashboard';
import { checklistCommands, checklistUsage } from './checklist';
import { duesCommands, duesUsage } from './dues';
import { exportCommands, exportUsage } from './export';
import { groupCommands, groupUsage } from './group';
import { memberCommands, memberUsage } from './member';
import { orgCommands, orgUsage } from './org';
import { volunteerCommands, volunteerUsage } from './volunteer';
import { statsCommands, statsUsage } from './stats';
import { importUsage } from '../import-usage';

// One table per area, merged here; a command line defined twice is a start-up error.
const areas: CommandTable[] = [orgCommands, memberCommands, volunteerCommands, duesCommands, groupCommands, exportCommands, dashboardCommands, checklistCommands, statsCommands];

export const commands: CommandTable = {};
for (const area of areas) {
  for (const [line, build] of Object.entries(area)) {
    if (line in commands) throw new Error(`ledger command defined twice: ${line}`);
    commands[line] = build;
  }
}

export const usage = `用法: ledger <命令> [--db 文件] [--json]
  init  --county-code 330106 --county-name 杭州市西湖区红十字会 [--clerk 姓名]
  seed  --scale small|medium|large [--seed N]
  check
${[orgUsage, memberUsage, volunteerUsage, duesUsage, groupUsage, importUsage, exportUsage, dashboardUsage, checklistUsage, statsUsage].join('\n')}`;
