import { importKindLabels, importKinds, type ImportKind } from '../../../../src-main/core/domain/sheet-fields';

export { importKindLabels, type ImportKind };

/** The kinds in the order a clerk meets them: people first, organisations last. */
const order: readonly ImportKind[] = ['members', 'youth-members', 'group-members', 'volunteers', 'teams', 'hours', 'orgs'];

export const importKindOptions = order.filter((k) => importKinds.includes(k)).map((k) => ({ value: k, label: importKindLabels[k] }));

/** Kinds whose rows name an organisation (so the organisation options apply). */
export const kindHasOrgs = (kind: ImportKind) => kind !== 'hours';

/** What one row of the kind is, for sentences such as “新增 12 人”. */
export const rowUnit = (kind: ImportKind) => (kind === 'group-members' || kind === 'orgs' ? '个' : kind === 'teams' ? '支' : kind === 'hours' ? '条' : '人');
