import { BatchGroup, BatchInsert, NARROW_ROWS_PER_STATEMENT } from './batch';
import { Phase, type SeedContext } from './context';
import { addYears, dayOf, dayStr, stampOn } from './days';
import { ResidentIdAllocator } from './id-numbers';
import { personName, relativeName } from './names';
import { cachedNameSortKey } from '../domain/pinyin';
import { ADULT_MEMBER_WEIGHT, YOUTH_MEMBER_WEIGHT, type SeedOrg, orgSizeFactors } from './orgs';
import { mobilePhone } from './phones';
import { type Rng, WeightedPicker } from './random';

// Persons, individual members with their dues, and registered volunteers, written in one pass
// over the people of the county. This is the hot loop of the generator (a million persons at the
// large scale): cached prepared statements (see batch.ts), ids chosen here, nothing read back.

/** "No date" in the typed arrays below: later than any real day. */
export const NO_DAY = 0x7fffffff;

// Ages at joining, in days. The bounds keep clear of calendar edge cases: 2,200 days is always
// past a sixth birthday, 6,500 always before an eighteenth and 6,600 always after one.
const SCHOOL_AGE: readonly [number, number] = [2_200, 5_800];
const VOCATIONAL_AGE: readonly [number, number] = [5_500, 6_500];
const ADULT_MIN_AGE = 6_600;
const ADULT_MAX_AGE = 27_000;
/** Under this age at joining (a little over 14 years) a guardian's consent is recorded. */
const GUARDIAN_AGE = 5_200;
const YOUTH_SHARE = 0.22;
const KIND_ADULT = 0;
const KIND_YOUTH = 1;
const KIND_VOLUNTEER_ONLY = 2;
const LAPSE_REASONS = ['本人申请退会', '迁出本县', '连续两年未缴纳会费', '工作调动'];
const GUARDIANS = new WeightedPicker<readonly [relation: string, male: boolean, sameSurname: boolean]>([
  [['父亲', true, true], 45], [['母亲', false, false], 45], [['祖父', true, true], 3], [['祖母', false, false], 3],
  [['外祖父', true, false], 2], [['外祖母', false, false], 2],
]);
const FIELD_COUNTS = new WeightedPicker<number>([[1, 60], [2, 30], [3, 10]]);

/** Volunteers, as later phases need them (index = volunteer id - 1). */
export interface VolunteerFacts {
  count: number;
  personId: Int32Array;
  /** Organisation id, 0 when registered directly with the county society. */
  orgId: Int32Array;
  registered: Int32Array;
  /** Day the volunteer left, NO_DAY when still active. */
  left: Int32Array;
}

/** Members, as later phases need them (index = member id - 1). */
export interface MemberFacts {
  count: number;
  youth: number;
  personId: Int32Array;
  joined: Int32Array;
  /** Day the membership lapsed, NO_DAY when active. */
  lapsed: Int32Array;
}

export interface PeopleResult {
  persons: number;
  members: MemberFacts;
  volunteers: VolunteerFacts;
}

export function seedPeople(ctx: SeedContext, orgs: readonly SeedOrg[]): PeopleResult {
  const rng = ctx.rng(Phase.People);
  const { sqlite, today, epoch, todayYear, county, scale } = ctx;
  const memberCount = scale.members;
  const nonMemberVolunteers = Math.round(memberCount * scale.nonMemberVolunteersPerMember);
  const personCount = memberCount + nonMemberVolunteers;
  const nameSortKey = cachedNameSortKey();

  // Parents first: a buffered row's foreign keys point at rows of buffers created before it.
  const batches = new BatchGroup();
  const insertPerson = new BatchInsert(
    sqlite, 'person',
    ['id', 'name', 'name_sort_key', 'gender', 'id_number', 'birth_date', 'phone', 'guardian_name', 'guardian_relation', 'guardian_phone', 'guardian_consent_on', 'guardian_consent_method', 'created_at', 'updated_at'],
    batches, { fixed: { id_type: "'resident_id'" } },
  );
  const insertMember = new BatchInsert(
    sqlite, 'member', ['id', 'person_id', 'name_sort_key', 'kind', 'organization_id', 'joined_on', 'status', 'lapsed_on', 'lapse_reason', 'created_at', 'updated_at'], batches,
  );
  const insertDues = new BatchInsert(sqlite, 'member_dues', ['member_id', 'year', 'status', 'amount_fen', 'paid_on'], batches, {
    rowsPerStatement: NARROW_ROWS_PER_STATEMENT,
  });
  const insertVolunteer = new BatchInsert(
    sqlite, 'volunteer',
    ['id', 'person_id', 'name_sort_key', 'organization_id', 'registered_on', 'status', 'left_on', 'national_system_registered', 'national_system_no', 'first_aid_cert_no', 'first_aid_cert_expires_on', 'created_at', 'updated_at'],
    batches,
  );
  const insertField = new BatchInsert(sqlite, 'volunteer_service_field', ['volunteer_id', 'field_id'], batches, {
    rowsPerStatement: NARROW_ROWS_PER_STATEMENT,
  });

  // Where members go: adults by type weight times a per-organisation size factor; youth to schools.
  const factors = orgSizeFactors(orgs, rng);
  const adultPicker = new WeightedPicker(orgs.map((o, i) => [i, ADULT_MEMBER_WEIGHT[o.type] * (factors[i] as number)] as const));
  const youthPicker = new WeightedPicker(orgs.map((o, i) => [i, (YOUTH_MEMBER_WEIGHT[o.type] ?? 0) * (factors[i] as number)] as const));
  // Volunteers registered with an organisation belong to a live one.
  const volunteerOrgPicker = new WeightedPicker(orgs.map((o, i) => [i, o.status === 'active' ? ADULT_MEMBER_WEIGHT[o.type] * (factors[i] as number) : 0] as const));
  const joinFrom = orgs.map((o) => Math.max(epoch, o.founded ?? today));
  const joinTo = orgs.map((o) => (o.retired !== null ? o.retired - 1 : today));
  const yearStarts: number[] = [];
  for (let y = 2018; y <= todayYear + 1; y++) yearStarts.push(dayOf(y, 1, 1));
  const yearOfRecent = (day: number): number => {
    let i = 0;
    while (i + 1 < yearStarts.length && (yearStarts[i + 1] as number) <= day) i++;
    return 2018 + i;
  };
  const firstDuesYear = scale.duesYears === null ? 2018 : todayYear - scale.duesYears + 1;

  // Most people were born locally; the rest come from elsewhere in the province.
  const ids = new ResidentIdAllocator([county.code, ...county.neighbourCodes]);
  const neighbours = county.neighbourCodes.length;

  const members: MemberFacts = {
    count: 0, youth: 0, personId: new Int32Array(memberCount), joined: new Int32Array(memberCount), lapsed: new Int32Array(memberCount),
  };
  const volunteerBound = personCount; // at most one volunteer per person
  const volunteers: VolunteerFacts = {
    count: 0, personId: new Int32Array(volunteerBound), orgId: new Int32Array(volunteerBound), registered: new Int32Array(volunteerBound), left: new Int32Array(volunteerBound),
  };
  let certSeq = 0;
  const fieldPicker = new WeightedPicker(ctx.fields.map((f) => [f.id, popularity(f.name)] as const));

  const addVolunteer = (personId: number, sortKey: string, orgId: number | null, registered: number): void => {
    const id = ++volunteers.count;
    const left = rng.chance(0.06) && registered < today ? registered + 1 + rng.index(today - registered) : NO_DAY;
    const national = rng.chance(0.6);
    let certNo: string | null = null;
    let certExpires: string | null = null;
    if (rng.chance(0.25)) {
      // 救护员证 last three years; issue dates spread evenly, so some have lapsed and some lapse soon.
      const from = Math.max(epoch, registered - 365);
      const issued = from + rng.index(today - from + 1);
      certNo = `JH${county.code}${dayStr(issued).slice(0, 4)}${String(++certSeq).padStart(6, '0')}`;
      certExpires = dayStr(addYears(issued, 3) - 1);
    }
    const created = stampOn(registered, rng);
    insertVolunteer.add(
      id, personId, sortKey, orgId, dayStr(registered), left === NO_DAY ? 'active' : 'left', left === NO_DAY ? null : dayStr(left), national ? 1 : 0,
      national ? `${county.code}${dayStr(registered).slice(0, 4)}${String(id).padStart(7, '0')}` : null, certNo, certExpires, created,
      left === NO_DAY ? created : stampOn(left, rng),
    );
    const wanted = FIELD_COUNTS.pick(rng);
    const chosen: number[] = [];
    for (let attempt = 0; chosen.length < wanted && attempt < 10; attempt++) {
      const field = fieldPicker.pick(rng);
      if (!chosen.includes(field)) chosen.push(field);
    }
    for (const field of chosen) insertField.add(id, field);
    const slot = id - 1;
    volunteers.personId[slot] = personId;
    volunteers.orgId[slot] = orgId ?? 0;
    volunteers.registered[slot] = registered;
    volunteers.left[slot] = left;
  };

  // First pass: who each person is (member or volunteer only, adult or youth), where, and since
  // when. People are then written in date order, so ids grow with the date a record was entered,
  // as in a ledger that was kept over the years.
  const kinds = new Uint8Array(personCount); // KIND_* above
  const orgIndexes = new Int32Array(personCount);
  const starts = new Int32Array(personCount); // joined_on for members, registered_on for others
  let nonMembersLeft = nonMemberVolunteers;
  for (let i = 0; i < personCount; i++) {
    // Selection sampling: exactly `nonMemberVolunteers` persons are volunteers only, spread evenly.
    if (rng.next() * (personCount - i) < nonMembersLeft) {
      nonMembersLeft--;
      kinds[i] = KIND_VOLUNTEER_ONLY;
      orgIndexes[i] = -1;
      starts[i] = epoch + Math.floor((today - epoch + 1) * rng.next() ** 0.85);
      continue;
    }
    const youth = rng.chance(YOUTH_SHARE);
    const picker = youth ? youthPicker : adultPicker;
    // The joining day comes first, growing gently over the years; then an organisation that
    // existed that day. (Spreading joins over each organisation's own life instead piles the
    // members of recently founded organisations into the last few months.)
    const day = epoch + Math.floor((today - epoch + 1) * rng.next() ** 0.85);
    let orgIndex = picker.pick(rng);
    for (let tries = 0; tries < 50 && !((joinFrom[orgIndex] as number) <= day && day <= (joinTo[orgIndex] as number)); tries++) orgIndex = picker.pick(rng);
    kinds[i] = youth ? KIND_YOUTH : KIND_ADULT;
    orgIndexes[i] = orgIndex;
    starts[i] = Math.min(joinTo[orgIndex] as number, Math.max(joinFrom[orgIndex] as number, day));
  }
  const order = countingSortByDay(starts, epoch, today);

  for (let k = 0; k < personCount; k++) {
    const i = order[k] as number;
    const personId = k + 1;
    const isMember = kinds[i] !== KIND_VOLUNTEER_ONLY;
    const youth = kinds[i] === KIND_YOUTH;
    const orgIndex = orgIndexes[i] as number;
    const start = starts[i] as number;
    let ageDays: number;
    if (isMember) {
      const org = orgs[orgIndex] as SeedOrg;
      ageDays = youth ? ageBetween(rng, org.type === '职业学校' ? VOCATIONAL_AGE : SCHOOL_AGE) : adultAge(rng, org.type === '高校');
    } else {
      ageDays = ADULT_MIN_AGE + rng.index(24_000 - ADULT_MIN_AGE);
    }
    const birth = start - ageDays;
    const male = rng.chance(youth ? 0.51 : 0.47);
    const name = personName(rng, male);
    const area = neighbours > 0 && rng.chance(0.12) ? 1 + rng.index(neighbours) : 0;
    const idNumber = ids.allocate(rng, area, birth, male);
    const ageToday = today - birth;
    const phone = ageToday >= ADULT_MIN_AGE ? (rng.chance(0.95) ? mobilePhone(rng) : null) : ageToday >= GUARDIAN_AGE && rng.chance(0.4) ? mobilePhone(rng) : null;

    let guardianName: string | null = null;
    let guardianRelation: string | null = null;
    let guardianPhone: string | null = null;
    let consentOn: string | null = null;
    let consentMethod: string | null = null;
    if (isMember && ageDays < GUARDIAN_AGE) {
      const [relation, guardianMale, sameSurname] = GUARDIANS.pick(rng);
      guardianName = relativeName(rng, name, guardianMale, sameSurname);
      guardianRelation = relation;
      guardianPhone = mobilePhone(rng);
      consentOn = dayStr(start - rng.index(15));
      consentMethod = rng.chance(0.7) ? '书面' : '电子';
    }
    const created = stampOn(start, rng);
    const sortKey = nameSortKey(name);
    insertPerson.add(
      personId, name, sortKey, male ? 'M' : 'F', idNumber, dayStr(birth), phone, guardianName, guardianRelation, guardianPhone, consentOn,
      consentMethod, created, created,
    );

    if (!isMember) {
      addVolunteer(personId, sortKey, rng.chance(0.75) ? (orgs[volunteerOrgPicker.pick(rng)] as SeedOrg).id : null, start);
      continue;
    }

    const org = orgs[orgIndex] as SeedOrg;
    const memberId = ++members.count;
    if (youth) members.youth++;
    let lapsed = NO_DAY;
    let lapseReason: string | null = null;
    if (org.retired !== null) {
      lapsed = org.retired;
      lapseReason = '所在组织撤销';
    } else if (start < today && rng.chance(0.05)) {
      lapsed = start + 1 + rng.index(today - start);
      lapseReason = rng.pick(LAPSE_REASONS);
    }
    insertMember.add(
      memberId, personId, sortKey, youth ? 'youth' : 'adult', org.id, dayStr(start), lapsed === NO_DAY ? 'active' : 'lapsed',
      lapsed === NO_DAY ? null : dayStr(lapsed), lapseReason, created, lapsed === NO_DAY ? created : stampOn(lapsed, rng),
    );
    members.personId[memberId - 1] = personId;
    members.joined[memberId - 1] = start;
    members.lapsed[memberId - 1] = lapsed;

    // Dues: one row per year of membership (recent years only at the large scale).
    const lastDay = Math.min(today, lapsed === NO_DAY ? today : lapsed - 1);
    const lastYear = yearOfRecent(lastDay);
    const exempt = rng.chance(0.04);
    const fee = youth ? 500 : 1000;
    for (let year = Math.max(firstDuesYear, yearOfRecent(start)); year <= lastYear; year++) {
      const yearStart = yearStarts[year - 2018] as number;
      const payFrom = Math.max(yearStart, start);
      const payTo = Math.min(lastDay, (yearStarts[year - 2017] as number) - 1);
      if (exempt) {
        insertDues.add(memberId, year, 'exempt', 0, null);
      } else if (rng.chance(year === todayYear ? 0.65 : 0.9) && payTo >= payFrom) {
        // Most people pay within a few months of the year opening (or of joining).
        insertDues.add(memberId, year, 'paid', fee, dayStr(payFrom + rng.index(Math.min(120, payTo - payFrom + 1))));
      } else {
        insertDues.add(memberId, year, 'unpaid', fee, null);
      }
    }

    if (!youth && rng.chance(scale.memberVolunteerRate)) {
      const earliest = Math.max(epoch, birth + ADULT_MIN_AGE);
      const from = Math.max(earliest, start - 180);
      const registered = from + rng.index(Math.min(1080, today - from + 1));
      addVolunteer(personId, sortKey, org.status === 'active' ? org.id : null, registered);
    }
    if ((k & 0xffff) === 0) ctx.progress('people', k, personCount);
  }
  batches.flush();
  ctx.progress('people', personCount, personCount);
  return { persons: personCount, members, volunteers };
}

/** Indices of `days` ordered by day (stable), in linear time: days span only a few thousand values. */
function countingSortByDay(days: Int32Array, first: number, last: number): Int32Array {
  const counts = new Int32Array(last - first + 2);
  for (const day of days) counts[day - first + 1] = (counts[day - first + 1] as number) + 1;
  for (let d = 1; d < counts.length; d++) counts[d] = (counts[d] as number) + (counts[d - 1] as number);
  const order = new Int32Array(days.length);
  days.forEach((day, i) => {
    const slot = counts[day - first] as number;
    order[slot] = i;
    counts[day - first] = slot + 1;
  });
  return order;
}

function ageBetween(rng: Rng, [lo, hi]: readonly [number, number]): number {
  return lo + rng.index(hi - lo + 1);
}

/** Adults skew towards middle age; college members are mostly students aged 18–22. */
function adultAge(rng: Rng, college: boolean): number {
  if (college && rng.chance(0.85)) return ADULT_MIN_AGE + rng.index(8_000 - ADULT_MIN_AGE);
  return ADULT_MIN_AGE + Math.floor(((rng.next() + rng.next()) / 2) * (ADULT_MAX_AGE - ADULT_MIN_AGE));
}

/** First aid, community and elderly care draw the most volunteers. */
function popularity(field: string): number {
  if (field === '应急救护' || field === '社区服务') return 5;
  if (field === '养老服务' || field === '无偿献血' || field === '人道救助') return 3;
  return 1;
}
