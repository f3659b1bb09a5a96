// The one reading of "in force on date :asOf" that the annual tables, the standards and the
// targets dashboard share, so a figure means the same thing on every screen. Each is a SQL
// predicate over a table alias with a named parameter :asOf (an ISO date, inclusive).
//
// Ends are taken from the dated field when there is one. A record whose status says it ended
// but whose end date is missing cannot be placed in time; it counts as ended at every date, and
// the annual tables' validation lists it so the clerk can add the date.

/** A member on the roll on :asOf: joined on or before it, and not lapsed by then. */
export const memberActiveAt = (m = 'm') => `(${m}.joined_on <= :asOf AND (${m}.status = 'active' OR ${m}.lapsed_on > :asOf))`;

/** The member's kind on :asOf: a youth member converted to adult later was still youth then. */
export const memberKindAt = (m = 'm') =>
  `(CASE WHEN ${m}.kind = 'adult' AND ${m}.converted_to_adult_on > :asOf THEN 'youth' ELSE ${m}.kind END)`;

export const groupMemberActiveAt = (g = 'g') => `(${g}.joined_on <= :asOf AND (${g}.status = 'active' OR ${g}.lapsed_on > :asOf))`;

export const volunteerActiveAt = (v = 'v') => `(${v}.registered_on <= :asOf AND (${v}.status = 'active' OR ${v}.left_on > :asOf))`;

export const teamActiveAt = (t = 't') => `(${t}.founded_on <= :asOf AND (${t}.status = 'active' OR ${t}.dissolved_on > :asOf))`;

export const teamMembershipActiveAt = (tm = 'tm') =>
  `((${tm}.joined_on IS NULL OR ${tm}.joined_on <= :asOf) AND (${tm}.left_on IS NULL OR ${tm}.left_on > :asOf))`;

/**
 * An organisation 已成立 on :asOf: not 筹建 now (a status with no date, so it held then too),
 * founded by then, and not 撤销 by then. A missing founding date counts as founded long ago:
 * older units often lack it, and leaving them out would hide real organisations; validation
 * lists them.
 */
export const organizationEstablishedAt = (o = 'o') =>
  `(${o}.status <> 'preparing' AND (${o}.founded_on IS NULL OR ${o}.founded_on <= :asOf) AND (${o}.status <> 'retired' OR ${o}.retired_on > :asOf))`;

/** The last day of a year, the as-of date of that year's tables. */
export const yearEnd = (year: number) => `${String(year).padStart(4, '0')}-12-31`;
