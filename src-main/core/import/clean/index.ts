// Cell cleaners for import: each turns one raw cell into a value the ledger stores, or a reason.
export { parseDateCell, findDateInText, type DateOptions } from './date';
export { cleanGender } from './gender';
export { implausibleCumulativeHours, parseHours } from './hours';
export { cleanIdNumber, excelScientific, type CleanId, type IdCleanOptions } from './id-number';
export { cleanIdType, numberCarriesBirth, type DocumentType } from './id-type';
export { buildNameIndex, matchByName, nameKey, type NameCandidate, type NameIndex, type NameMatch, type NameMatchOptions, type NameSuggestion } from './match-name';
export { type ActivityCategory, type CategoryMatch, matchActivityCategory } from './activity-category';
export { inferOrgType } from './org-type';
export { cleanPersonName } from './person-name';
export { cleanPhone } from './phone';
export { reconcileWithId, type Reconciled } from './reconcile-id';
export { type Cleaned, fail, isError, ok } from './result';
export { parseServiceFields, type ServiceFieldsParse } from './service-fields';
export { cleanUsccCell } from './uscc';
export { parseYesNo } from './yes-no';
