import { sheetFields, type ImportKind, type SheetField } from '../domain/sheet-fields';

// The columns of an exported sheet are exactly the import fields of its kind, in the same
// order and under the same canonical headers, so an export imports back without mapping.

export interface ExportColumn extends SheetField {
  /** Column width in characters (a CJK character counts about two). */
  width: number;
}

const widths: Record<string, number> = {
  name: 12,
  gender: 6,
  idType: 12,
  idNumber: 22,
  birthDate: 12,
  phone: 15,
  organization: 28,
  joinedOn: 12,
  kind: 12,
  guardianName: 12,
  guardianPhone: 15,
  guardianRelation: 10,
  guardianConsentOn: 14,
  guardianConsentMethod: 12,
  notes: 30,
  lapsedOn: 12,
  leftOn: 12,
  dissolvedOn: 12,
  lapseReason: 20,
  unitName: 30,
  uscc: 22,
  contactName: 10,
  contactPhone: 15,
  registeredOn: 12,
  serviceFields: 24,
  team: 24,
  nationalSystemNo: 24,
  firstAidCertNo: 20,
  firstAidCertExpiresOn: 16,
  totalHours: 14,
  field: 14,
  leaderName: 10,
  foundedOn: 12,
  isRegisteredOrg: 14,
  registrationNo: 22,
  hasPartyBranch: 14,
  ledByCounty: 12,
  heldOn: 12,
  title: 28,
  category: 20,
  hours: 16,
  place: 20,
  type: 12,
  parent: 28,
  divisionCode: 16,
  leaderPhone: 15,
  status: 8,
};

export function exportColumns(kind: ImportKind): ExportColumn[] {
  return sheetFields[kind].map((f) => ({ ...f, width: Math.max(widths[f.key] ?? 14, [...f.label].length * 2 + 2) }));
}
