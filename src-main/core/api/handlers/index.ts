import { mergeHandlerMaps, type HandlerTable } from '../handler';
import { appHandlers } from './app';
import { countyHandlers } from './county';
import { duesHandlers } from './dues';
import { groupHandlers } from './group-member';
import { memberHandlers } from './member';
import { orgHandlers } from './org';

// Assigning to HandlerTable makes a missing or mistyped method a compile error;
// mergeHandlerMaps makes a method defined in two areas a start-up error.
export const handlers: HandlerTable = mergeHandlerMaps(appHandlers, countyHandlers, orgHandlers, memberHandlers, duesHandlers, groupHandlers);
