import { mergeHandlerMaps, type HandlerTable } from '../handler';
import { appHandlers } from './app';
import { checklistHandlers } from './checklist';
import { countyHandlers } from './county';
import { dashboardHandlers } from './dashboard';
import { duesHandlers } from './dues';
import { exportHandlers } from './export';
import { fileHandlers } from './files';
import { groupHandlers } from './group-member';
import { importHandlers } from './import';
import { memberHandlers } from './member';
import { orgHandlers } from './org';
import { serviceHandlers } from './service';
import { starHandlers } from './star';
import { statsHandlers } from './stats';
import { teamHandlers } from './team';
import { volunteerHandlers } from './volunteer';

// Assigning to HandlerTable makes a missing or mistyped method a compile error;
// mergeHandlerMaps makes a method defined in two areas a start-up error.
export const handlers: HandlerTable = mergeHandlerMaps(
  appHandlers,
  countyHandlers,
  orgHandlers,
  memberHandlers,
  volunteerHandlers,
  teamHandlers,
  serviceHandlers,
  starHandlers,
  duesHandlers,
  groupHandlers,
  importHandlers,
  fileHandlers,
  exportHandlers,
  dashboardHandlers,
  checklistHandlers,
  statsHandlers,
);
