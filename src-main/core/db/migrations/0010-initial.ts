import { sql, type Kysely } from 'kysely';

// The whole domain of DOMAIN.md, created up front so later work adds behaviour, not tables.
// Conventions: dates are TEXT 'YYYY-MM-DD', instants are TEXT ISO-8601 UTC, money is integer fen,
// service time is integer minutes (sums stay exact), booleans are INTEGER 0/1 with CHECKs.
// Frozen: never edit after release; add a new numbered migration instead.
const statements = [
  `CREATE TABLE county_society (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    division_code TEXT NOT NULL CHECK (length(division_code) = 6),
    name TEXT NOT NULL,
    division_list_version TEXT NOT NULL,
    mgmt_rationalized INTEGER CHECK (mgmt_rationalized IN (0, 1)),
    mgmt_rationalized_on TEXT,
    party_group_established INTEGER CHECK (party_group_established IN (0, 1)),
    party_group_established_on TEXT,
    supervisory_board_established INTEGER CHECK (supervisory_board_established IN (0, 1)),
    supervisory_board_established_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`,
  // One row per term of the county society's council; a term's started_on is the date its
  // 换届 was completed, due_on is when the next 换届 falls due.
  `CREATE TABLE society_term (
    id INTEGER PRIMARY KEY,
    started_on TEXT NOT NULL,
    due_on TEXT NOT NULL,
    note TEXT,
    CHECK (due_on > started_on)
  )`,
  `CREATE TABLE organization_type (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    sort_order INTEGER NOT NULL DEFAULT 0,
    is_school INTEGER NOT NULL DEFAULT 0 CHECK (is_school IN (0, 1)),
    is_community INTEGER NOT NULL DEFAULT 0 CHECK (is_community IN (0, 1)),
    retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1))
  )`,
  `CREATE TABLE organization (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    type_id INTEGER REFERENCES organization_type(id),
    parent_id INTEGER REFERENCES organization(id),
    division_code TEXT CHECK (division_code IS NULL OR length(division_code) = 12),
    founded_on TEXT,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('preparing', 'active', 'retired')),
    retired_on TEXT,
    leader_name TEXT,
    leader_phone TEXT,
    term_started_on TEXT,
    term_ends_on TEXT,
    bojia_status TEXT NOT NULL DEFAULT 'none' CHECK (bojia_status IN ('none', 'building', 'built', 'demonstration')),
    red_cross_named INTEGER NOT NULL DEFAULT 0 CHECK (red_cross_named IN (0, 1)),
    service_site TEXT,
    notes TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (parent_id IS NULL OR parent_id <> id)
  )`,
  `CREATE UNIQUE INDEX organization_sibling_name ON organization (ifnull(parent_id, 0), name)`,
  `CREATE INDEX organization_parent ON organization (parent_id)`,
  `CREATE INDEX organization_type_idx ON organization (type_id)`,

  // One natural person across the whole county (member, volunteer, leader, guardian...).
  `CREATE TABLE person (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_sort_key TEXT,
    gender TEXT CHECK (gender IN ('M', 'F')),
    id_type TEXT NOT NULL DEFAULT 'resident_id' CHECK (id_type IN ('resident_id', 'hmt_residence_permit', 'hm_travel_permit', 'passport', 'foreign_permanent_id', 'none')),
    id_number TEXT,
    birth_date TEXT,
    phone TEXT,
    guardian_name TEXT,
    guardian_relation TEXT,
    guardian_phone TEXT,
    guardian_consent_on TEXT,
    guardian_consent_method TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`,
  `CREATE UNIQUE INDEX person_id_number ON person (id_type, id_number) WHERE id_number IS NOT NULL`,
  `CREATE INDEX person_name_sort ON person (name_sort_key, id)`,

  `CREATE TABLE member (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL UNIQUE REFERENCES person(id),
    kind TEXT NOT NULL CHECK (kind IN ('adult', 'youth')),
    organization_id INTEGER NOT NULL REFERENCES organization(id),
    joined_on TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'lapsed')),
    lapsed_on TEXT,
    lapse_reason TEXT,
    converted_to_adult_on TEXT,
    honours TEXT,
    notes TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`,
  `CREATE INDEX member_org ON member (organization_id, id)`,
  `CREATE INDEX member_joined ON member (joined_on)`,
  `CREATE TABLE member_dues (
    member_id INTEGER NOT NULL REFERENCES member(id),
    year INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('paid', 'unpaid', 'exempt')),
    amount_fen INTEGER NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
    paid_on TEXT,
    PRIMARY KEY (member_id, year)
  ) WITHOUT ROWID`,

  `CREATE TABLE group_member (
    id INTEGER PRIMARY KEY,
    unit_name TEXT NOT NULL,
    uscc TEXT UNIQUE,
    legacy_org_code TEXT,
    organization_id INTEGER REFERENCES organization(id),
    contact_name TEXT,
    contact_phone TEXT,
    joined_on TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'lapsed')),
    lapsed_on TEXT,
    notes TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`,
  `CREATE TABLE group_member_dues (
    group_member_id INTEGER NOT NULL REFERENCES group_member(id),
    year INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('paid', 'unpaid', 'exempt')),
    amount_fen INTEGER NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
    paid_on TEXT,
    PRIMARY KEY (group_member_id, year)
  ) WITHOUT ROWID`,

  `CREATE TABLE service_field (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    sort_order INTEGER NOT NULL DEFAULT 0
  )`,
  `CREATE TABLE activity_category (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    sort_order INTEGER NOT NULL DEFAULT 0
  )`,

  `CREATE TABLE volunteer (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL UNIQUE REFERENCES person(id),
    organization_id INTEGER REFERENCES organization(id),
    registered_on TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'left')),
    left_on TEXT,
    national_system_registered INTEGER NOT NULL DEFAULT 0 CHECK (national_system_registered IN (0, 1)),
    national_system_no TEXT,
    first_aid_cert_no TEXT,
    first_aid_cert_expires_on TEXT,
    notes TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`,
  `CREATE INDEX volunteer_org ON volunteer (organization_id, id)`,
  `CREATE TABLE volunteer_service_field (
    volunteer_id INTEGER NOT NULL REFERENCES volunteer(id),
    field_id INTEGER NOT NULL REFERENCES service_field(id),
    PRIMARY KEY (volunteer_id, field_id)
  ) WITHOUT ROWID`,

  `CREATE TABLE volunteer_team (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    field_id INTEGER REFERENCES service_field(id),
    organization_id INTEGER REFERENCES organization(id),
    led_by_county INTEGER NOT NULL DEFAULT 0 CHECK (led_by_county IN (0, 1)),
    leader_person_id INTEGER REFERENCES person(id),
    is_registered_org INTEGER NOT NULL DEFAULT 0 CHECK (is_registered_org IN (0, 1)),
    registration_no TEXT,
    has_party_branch INTEGER NOT NULL DEFAULT 0 CHECK (has_party_branch IN (0, 1)),
    founded_on TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'dissolved')),
    dissolved_on TEXT,
    notes TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    -- a team belongs to a grassroots organisation or is led directly by the county society, never both
    CHECK ((organization_id IS NULL) = (led_by_county = 1))
  )`,
  `CREATE UNIQUE INDEX volunteer_team_name ON volunteer_team (ifnull(organization_id, 0), name)`,
  `CREATE TABLE team_membership (
    team_id INTEGER NOT NULL REFERENCES volunteer_team(id),
    volunteer_id INTEGER NOT NULL REFERENCES volunteer(id),
    joined_on TEXT,
    left_on TEXT,
    PRIMARY KEY (team_id, volunteer_id)
  ) WITHOUT ROWID`,
  `CREATE INDEX team_membership_volunteer ON team_membership (volunteer_id)`,

  `CREATE TABLE service_record (
    id INTEGER PRIMARY KEY,
    held_on TEXT NOT NULL,
    team_id INTEGER REFERENCES volunteer_team(id),
    organization_id INTEGER REFERENCES organization(id),
    category_id INTEGER REFERENCES activity_category(id),
    title TEXT NOT NULL,
    place TEXT,
    beneficiary_households INTEGER CHECK (beneficiary_households >= 0),
    beneficiary_people INTEGER CHECK (beneficiary_people >= 0),
    notes TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`,
  `CREATE INDEX service_record_held ON service_record (held_on)`,
  `CREATE INDEX service_record_team ON service_record (team_id, held_on)`,
  `CREATE TABLE service_hours (
    service_record_id INTEGER NOT NULL REFERENCES service_record(id),
    volunteer_id INTEGER NOT NULL REFERENCES volunteer(id),
    minutes INTEGER NOT NULL CHECK (minutes > 0 AND minutes <= 1440),
    PRIMARY KEY (service_record_id, volunteer_id)
  ) WITHOUT ROWID`,
  `CREATE INDEX service_hours_volunteer ON service_hours (volunteer_id)`,

  // The register of awarded stars: rows are facts of an award, never recomputed.
  `CREATE TABLE star_award (
    id INTEGER PRIMARY KEY,
    volunteer_id INTEGER NOT NULL REFERENCES volunteer(id),
    star_level INTEGER NOT NULL CHECK (star_level BETWEEN 1 AND 5),
    awarded_on TEXT NOT NULL,
    awarding_level TEXT NOT NULL CHECK (awarding_level IN ('county', 'city', 'province')),
    document_no TEXT,
    minutes_at_award INTEGER NOT NULL CHECK (minutes_at_award >= 0),
    created_at TEXT NOT NULL
  )`,
  `CREATE INDEX star_award_volunteer ON star_award (volunteer_id)`,

  `CREATE TABLE commendation (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    year INTEGER NOT NULL,
    awarding_level TEXT NOT NULL CHECK (awarding_level IN ('county', 'city', 'province', 'national')),
    awarded_on TEXT,
    document_no TEXT,
    person_id INTEGER REFERENCES person(id),
    organization_id INTEGER REFERENCES organization(id),
    group_member_id INTEGER REFERENCES group_member(id),
    team_id INTEGER REFERENCES volunteer_team(id),
    notes TEXT,
    created_at TEXT NOT NULL,
    CHECK ((person_id IS NOT NULL) + (organization_id IS NOT NULL) + (group_member_id IS NOT NULL) + (team_id IS NOT NULL) = 1)
  )`,

  // Standards are data: a versioned template of items, each automatic (a rule from a fixed
  // vocabulary, stored as JSON) or manual (checked by a person with evidence).
  `CREATE TABLE checklist_template (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    issuer TEXT,
    version TEXT NOT NULL,
    effective_on TEXT,
    is_draft_default INTEGER NOT NULL DEFAULT 0 CHECK (is_draft_default IN (0, 1)),
    origin TEXT NOT NULL DEFAULT 'custom' CHECK (origin IN ('builtin', 'imported', 'custom')),
    confirmed_on TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (code, version)
  )`,
  `CREATE TABLE checklist_item (
    id INTEGER PRIMARY KEY,
    template_id INTEGER NOT NULL REFERENCES checklist_template(id),
    seq INTEGER NOT NULL,
    title TEXT NOT NULL,
    description TEXT,
    mode TEXT NOT NULL CHECK (mode IN ('auto', 'manual')),
    rule_json TEXT,
    CHECK ((mode = 'auto') = (rule_json IS NOT NULL)),
    UNIQUE (template_id, seq)
  )`,
  `CREATE TABLE checklist_item_type (
    item_id INTEGER NOT NULL REFERENCES checklist_item(id),
    type_id INTEGER NOT NULL REFERENCES organization_type(id),
    PRIMARY KEY (item_id, type_id)
  ) WITHOUT ROWID`,
  // Append-only: the status of an item for an organisation as of a date is the latest row on or before it.
  `CREATE TABLE checklist_status (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organization(id),
    item_id INTEGER NOT NULL REFERENCES checklist_item(id),
    status TEXT NOT NULL CHECK (status IN ('met', 'not_met', 'not_applicable')),
    checked_on TEXT NOT NULL,
    checked_by TEXT NOT NULL,
    note TEXT,
    recorded_at TEXT NOT NULL
  )`,
  `CREATE INDEX checklist_status_lookup ON checklist_status (organization_id, item_id, checked_on)`,
  `CREATE TABLE evidence_file (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
    original_name TEXT NOT NULL,
    mime_type TEXT NOT NULL,
    size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
    stored_path TEXT NOT NULL,
    added_at TEXT NOT NULL
  )`,
  `CREATE TABLE checklist_evidence (
    status_id INTEGER NOT NULL REFERENCES checklist_status(id),
    evidence_id INTEGER NOT NULL REFERENCES evidence_file(id),
    PRIMARY KEY (status_id, evidence_id)
  ) WITHOUT ROWID`,

  `CREATE TABLE notice (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    number_text TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    organization_id INTEGER REFERENCES organization(id),
    recipient_text TEXT NOT NULL,
    reasons TEXT NOT NULL,
    deadline_on TEXT,
    follow_up TEXT,
    followed_up_on TEXT,
    status TEXT NOT NULL DEFAULT 'issued' CHECK (status IN ('draft', 'issued', 'closed')),
    created_at TEXT NOT NULL,
    UNIQUE (year, seq)
  )`,

  `CREATE TABLE setting (
    key TEXT PRIMARY KEY,
    value_json TEXT NOT NULL
  ) WITHOUT ROWID`,
  `CREATE TABLE target (
    code TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    comparator TEXT NOT NULL CHECK (comparator IN ('>=', '>')),
    threshold REAL NOT NULL,
    unit TEXT NOT NULL,
    due_year INTEGER,
    source TEXT
  ) WITHOUT ROWID`,

  // Who changed what, field by field. batch_id groups the rows of one user action.
  `CREATE TABLE change_log (
    id INTEGER PRIMARY KEY,
    batch_id TEXT NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    action TEXT NOT NULL,
    field TEXT,
    old_value TEXT,
    new_value TEXT
  )`,
  `CREATE INDEX change_log_entity ON change_log (entity, entity_id, id)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
