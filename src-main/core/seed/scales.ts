// Sizes of the synthetic county. Ratios are shared across scales so that features (lapsed
// members, expiring certificates, stars...) appear in the small data set too.

export type SeedScale = 'small' | 'medium' | 'large';

export interface ScaleConfig {
  organizations: number;
  /** Individual members; persons = members + non-member volunteers. */
  members: number;
  /** Volunteers who are not members, per member. With ~13% of adult members volunteering this makes volunteers ≈ persons / 5. */
  nonMemberVolunteersPerMember: number;
  /** Share of adult members who are also registered volunteers. */
  memberVolunteerRate: number;
  /** Activities (service_record rows) per volunteer. */
  activitiesPerVolunteer: number;
  /** Dues rows are kept for at most this many most recent years (null = every year since joining). */
  duesYears: number | null;
  groupMembersPerOrganization: number;
  /** Commendations of each kind per year. */
  commendationsPerKind: number;
}

export const SCALES: Readonly<Record<SeedScale, ScaleConfig>> = {
  small: {
    organizations: 60,
    members: 5_000,
    nonMemberVolunteersPerMember: 0.125,
    memberVolunteerRate: 0.13,
    activitiesPerVolunteer: 1,
    duesYears: null,
    groupMembersPerOrganization: 0.3,
    commendationsPerKind: 2,
  },
  medium: {
    organizations: 400,
    members: 100_000,
    nonMemberVolunteersPerMember: 0.125,
    memberVolunteerRate: 0.13,
    activitiesPerVolunteer: 0.5,
    duesYears: null,
    groupMembersPerOrganization: 0.3,
    commendationsPerKind: 5,
  },
  large: {
    organizations: 2_000,
    // 888,889 members + 111,111 non-member volunteers = 1,000,000 persons.
    members: 888_889,
    nonMemberVolunteersPerMember: 0.125,
    memberVolunteerRate: 0.13,
    activitiesPerVolunteer: 0.3,
    // A million members times every year since 2018 would triple the run time for little benefit.
    duesYears: 3,
    groupMembersPerOrganization: 0.3,
    commendationsPerKind: 12,
  },
};
