import type { ColumnType, Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';

// Kysely's view of the schema built by migrations/. Conventions: Generated<> for ids and
// defaults, `T | null` for nullable columns (never `?`), 0/1 integers for booleans.

type Flag = 0 | 1;
type DefaultedFlag = ColumnType<Flag, Flag | undefined, Flag>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export type OrgStatus = 'preparing' | 'active' | 'retired';
export type BojiaStatus = 'none' | 'building' | 'built' | 'demonstration';
export type IdType = 'resident_id' | 'hmt_residence_permit' | 'hm_travel_permit' | 'passport' | 'foreign_permanent_id' | 'none';
export type DuesStatus = 'paid' | 'unpaid' | 'exempt';
export type AwardingLevel = 'county' | 'city' | 'province';

export interface CountySocietyTable {
  id: number;
  division_code: string;
  name: string;
  division_list_version: string;
  mgmt_rationalized: Flag | null;
  mgmt_rationalized_on: string | null;
  party_group_established: Flag | null;
  party_group_established_on: string | null;
  supervisory_board_established: Flag | null;
  supervisory_board_established_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface SocietyTermTable {
  id: Generated<number>;
  started_on: string;
  due_on: string;
  note: string | null;
}

export interface OrganizationTypeTable {
  id: Generated<number>;
  name: string;
  sort_order: Defaulted<number>;
  is_school: DefaultedFlag;
  is_community: DefaultedFlag;
  retired: DefaultedFlag;
}

export interface OrganizationTable {
  id: Generated<number>;
  name: string;
  type_id: number | null;
  parent_id: number | null;
  division_code: string | null;
  founded_on: string | null;
  status: Defaulted<OrgStatus>;
  retired_on: string | null;
  leader_name: string | null;
  leader_phone: string | null;
  term_started_on: string | null;
  term_ends_on: string | null;
  bojia_status: Defaulted<BojiaStatus>;
  red_cross_named: DefaultedFlag;
  service_site: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface PersonTable {
  id: Generated<number>;
  name: string;
  name_sort_key: string | null;
  gender: 'M' | 'F' | null;
  id_type: Defaulted<IdType>;
  id_number: string | null;
  birth_date: string | null;
  phone: string | null;
  guardian_name: string | null;
  guardian_relation: string | null;
  guardian_phone: string | null;
  guardian_consent_on: string | null;
  guardian_consent_method: string | null;
  created_at: string;
  updated_at: string;
  /** The ID number's last 12 characters reversed, for "last digits" search (generated, migration 0030). */
  id_tail: ColumnType<string | null, never, never>;
  /** The phone's last 12 characters reversed (generated, migration 0030). */
  phone_tail: ColumnType<string | null, never, never>;
}

/** Every 1- and 2-character piece of a person's name, in roster order; kept by triggers (migration 0030). */
export interface PersonNameGramTable {
  gram: string;
  name_sort_key: string;
  person_id: number;
}

/** A copy of person.name_sort_key for roster indexes; set by a trigger when not given. */
type CopiedSortKey = ColumnType<string | null, string | null | undefined, never>;

export interface MemberTable {
  id: Generated<number>;
  person_id: number;
  name_sort_key: CopiedSortKey;
  kind: 'adult' | 'youth';
  organization_id: number;
  joined_on: string;
  status: Defaulted<'active' | 'lapsed'>;
  lapsed_on: string | null;
  lapse_reason: string | null;
  converted_to_adult_on: string | null;
  honours: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface MemberDuesTable {
  member_id: number;
  year: number;
  status: DuesStatus;
  amount_fen: Defaulted<number>;
  paid_on: string | null;
}

export interface GroupMemberTable {
  id: Generated<number>;
  unit_name: string;
  uscc: string | null;
  legacy_org_code: string | null;
  organization_id: number | null;
  contact_name: string | null;
  contact_phone: string | null;
  joined_on: string;
  status: Defaulted<'active' | 'lapsed'>;
  lapsed_on: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface GroupMemberDuesTable {
  group_member_id: number;
  year: number;
  status: DuesStatus;
  amount_fen: Defaulted<number>;
  paid_on: string | null;
}

export interface LookupTable {
  id: Generated<number>;
  name: string;
  sort_order: Defaulted<number>;
}

export interface VolunteerTable {
  id: Generated<number>;
  person_id: number;
  name_sort_key: CopiedSortKey;
  organization_id: number | null;
  registered_on: string;
  status: Defaulted<'active' | 'left'>;
  left_on: string | null;
  national_system_registered: DefaultedFlag;
  national_system_no: string | null;
  first_aid_cert_no: string | null;
  first_aid_cert_expires_on: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface VolunteerServiceFieldTable {
  volunteer_id: number;
  field_id: number;
}

export interface VolunteerTeamTable {
  id: Generated<number>;
  name: string;
  field_id: number | null;
  organization_id: number | null;
  led_by_county: DefaultedFlag;
  leader_person_id: number | null;
  is_registered_org: DefaultedFlag;
  registration_no: string | null;
  has_party_branch: DefaultedFlag;
  founded_on: string;
  status: Defaulted<'active' | 'dissolved'>;
  dissolved_on: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface TeamMembershipTable {
  team_id: number;
  volunteer_id: number;
  joined_on: string | null;
  left_on: string | null;
}

export interface ServiceRecordTable {
  id: Generated<number>;
  held_on: string;
  team_id: number | null;
  organization_id: number | null;
  category_id: number | null;
  title: string;
  place: string | null;
  beneficiary_households: number | null;
  beneficiary_people: number | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface ServiceHoursTable {
  service_record_id: number;
  volunteer_id: number;
  minutes: number;
}

export interface StarAwardTable {
  id: Generated<number>;
  volunteer_id: number;
  star_level: number;
  awarded_on: string;
  awarding_level: AwardingLevel;
  document_no: string | null;
  minutes_at_award: number;
  created_at: string;
}

export interface CommendationTable {
  id: Generated<number>;
  title: string;
  year: number;
  awarding_level: AwardingLevel | 'national';
  awarded_on: string | null;
  document_no: string | null;
  person_id: number | null;
  organization_id: number | null;
  group_member_id: number | null;
  team_id: number | null;
  notes: string | null;
  created_at: string;
}

export interface ChecklistTemplateTable {
  id: Generated<number>;
  code: string;
  name: string;
  issuer: string | null;
  version: string;
  effective_on: string | null;
  is_draft_default: DefaultedFlag;
  origin: Defaulted<'builtin' | 'imported' | 'custom'>;
  confirmed_on: string | null;
  created_at: string;
}

export interface ChecklistItemTable {
  id: Generated<number>;
  template_id: number;
  seq: number;
  title: string;
  description: string | null;
  mode: 'auto' | 'manual';
  rule_json: string | null;
}

export interface ChecklistItemTypeTable {
  item_id: number;
  type_id: number;
}

export interface ChecklistStatusTable {
  id: Generated<number>;
  organization_id: number;
  item_id: number;
  status: 'met' | 'not_met' | 'not_applicable';
  checked_on: string;
  checked_by: string;
  note: string | null;
  recorded_at: string;
}

export interface EvidenceFileTable {
  id: Generated<number>;
  sha256: string;
  original_name: string;
  mime_type: string;
  size_bytes: number;
  stored_path: string;
  added_at: string;
}

export interface ChecklistEvidenceTable {
  status_id: number;
  evidence_id: number;
}

export interface NoticeTable {
  id: Generated<number>;
  year: number;
  seq: number;
  number_text: string;
  issued_on: string;
  organization_id: number | null;
  recipient_text: string;
  reasons: string;
  deadline_on: string | null;
  follow_up: string | null;
  followed_up_on: string | null;
  status: Defaulted<'draft' | 'issued' | 'closed'>;
  created_at: string;
}

export interface SettingTable {
  key: string;
  value_json: string;
}

export interface TargetTable {
  code: string;
  label: string;
  comparator: '>=' | '>';
  threshold: number;
  unit: string;
  due_year: number | null;
  source: string | null;
}

export interface ChangeLogTable {
  id: Generated<number>;
  batch_id: string;
  at: string;
  actor: string;
  entity: string;
  entity_id: number;
  action: string;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
}

export interface ImportBatchTable {
  id: Generated<number>;
  kind: string;
  file_name: string;
  sheet: string;
  options_json: string;
  change_batch_id: string;
  committed_at: string;
  actor: string;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warnings: number;
  backup_file: string | null;
  /** The last change_log id the import wrote; any later change to its records blocks the undo. */
  last_change_id: number;
  undone_at: string | null;
}

export interface ImportRowTable {
  import_id: number;
  entity: string;
  entity_id: number;
  /** 'insert' only before migration 0070, which moved created records to import_range. */
  action: 'insert' | 'update';
  /** The record's columns before an update (JSON), to put back on undo. */
  before_json: string | null;
}

/** Records an import created, ids first_id … last_id (consecutive), for 撤销 and their 历史. */
export interface ImportRangeTable {
  import_id: number;
  entity: string;
  first_id: number;
  last_id: number;
}

export interface ImportMappingTable {
  kind: string;
  signature: string;
  mapping_json: string;
  updated_at: string;
}

/** Per metric and day, how many records started (+) or stopped (-) counting; kept by triggers (migration 0050). */
export interface StatsDeltaTable {
  metric: string;
  day: string;
  n: number;
}

export interface StatsFinalisationTable {
  year: number;
  baseline_year: number;
  finalised_at: string;
  finalised_by: string;
  snapshot_json: string;
}

export interface StatsFinaliseLogTable {
  id: Generated<number>;
  year: number;
  action: 'finalise' | 'reopen';
  at: string;
  actor: string;
  reason: string | null;
}

export interface StatsExplanationTable {
  year: number;
  code: string;
  text: string;
  at: string;
  actor: string;
}

export interface Database {
  county_society: CountySocietyTable;
  society_term: SocietyTermTable;
  organization_type: OrganizationTypeTable;
  organization: OrganizationTable;
  person: PersonTable;
  person_name_gram: PersonNameGramTable;
  member: MemberTable;
  member_dues: MemberDuesTable;
  group_member: GroupMemberTable;
  group_member_dues: GroupMemberDuesTable;
  service_field: LookupTable;
  activity_category: LookupTable;
  volunteer: VolunteerTable;
  volunteer_service_field: VolunteerServiceFieldTable;
  volunteer_team: VolunteerTeamTable;
  team_membership: TeamMembershipTable;
  service_record: ServiceRecordTable;
  service_hours: ServiceHoursTable;
  star_award: StarAwardTable;
  commendation: CommendationTable;
  checklist_template: ChecklistTemplateTable;
  checklist_item: ChecklistItemTable;
  checklist_item_type: ChecklistItemTypeTable;
  checklist_status: ChecklistStatusTable;
  evidence_file: EvidenceFileTable;
  checklist_evidence: ChecklistEvidenceTable;
  notice: NoticeTable;
  setting: SettingTable;
  target: TargetTable;
  change_log: ChangeLogTable;
  import_batch: ImportBatchTable;
  import_row: ImportRowTable;
  import_range: ImportRangeTable;
  import_mapping: ImportMappingTable;
  stats_delta: StatsDeltaTable;
  stats_finalisation: StatsFinalisationTable;
  stats_finalise_log: StatsFinaliseLogTable;
  stats_explanation: StatsExplanationTable;
}

export type CountySociety = Selectable<CountySocietyTable>;
export type SocietyTerm = Selectable<SocietyTermTable>;
export type OrganizationType = Selectable<OrganizationTypeTable>;
export type Organization = Selectable<OrganizationTable>;
export type NewOrganization = Insertable<OrganizationTable>;
export type OrganizationUpdate = Updateable<OrganizationTable>;
export type ChangeLogEntry = Selectable<ChangeLogTable>;
export type TargetRow = Selectable<TargetTable>;

// Read or write is in the type: a WriteDb only exists inside a transaction opened by the dispatcher.
declare const writeBrand: unique symbol;
export type WriteDb = Transaction<Database> & { readonly [writeBrand]: true };
export type ReadDb = Kysely<Database> | WriteDb;
