import { graphql } from './gql';

/** The privacy officer's reports: each agency's break-glass report is its own field (its privacy
 *  officers read their own agency's); "who saw this child" reads the index's trail by child. */

export const ChildWelfareBreakGlassReport = graphql(`
  query ChildWelfareBreakGlassReport($from: String, $to: String) {
    report: childWelfareBreakGlassReport(from: $from, to: $to) {
      ...BreakGlassEventFields
    }
  }
`);

export const BehavioralHealthBreakGlassReport = graphql(`
  query BehavioralHealthBreakGlassReport($from: String, $to: String) {
    report: behavioralHealthBreakGlassReport(from: $from, to: $to) {
      ...BreakGlassEventFields
    }
  }
`);

export const ProbationBreakGlassReport = graphql(`
  query ProbationBreakGlassReport($from: String, $to: String) {
    report: probationBreakGlassReport(from: $from, to: $to) {
      ...BreakGlassEventFields
    }
  }
`);

export const EducationBreakGlassReport = graphql(`
  query EducationBreakGlassReport($from: String, $to: String) {
    report: educationBreakGlassReport(from: $from, to: $to) {
      ...BreakGlassEventFields
    }
  }
`);

export const HousingBreakGlassReport = graphql(`
  query HousingBreakGlassReport($from: String, $to: String) {
    report: housingBreakGlassReport(from: $from, to: $to) {
      ...BreakGlassEventFields
    }
  }
`);

export const BreakGlassEventFields = graphql(`
  fragment BreakGlassEventFields on AuditEvent {
    id
    at
    actor
    actorAgency
    actorRoles
    purposeOfUse
    childId
    recordIds
    categories
    decision
    rule
    requestId
    breakGlassReason
  }
`);

export const BREAK_GLASS_REPORTS = {
  CHILD_WELFARE: ChildWelfareBreakGlassReport,
  BEHAVIORAL_HEALTH: BehavioralHealthBreakGlassReport,
  PROBATION: ProbationBreakGlassReport,
  EDUCATION: EducationBreakGlassReport,
  HOUSING: HousingBreakGlassReport,
} as const;

export const WhoSawChild = graphql(`
  query WhoSawChild($id: ID!) {
    child(id: $id) {
      id
      givenName
      familyName
      birthDate
      links {
        agency
        recordId
      }
    }
    childIndexAuditTrail(childId: $id, first: 200) {
      nodes {
        id
        at
        actor
        actorAgency
        actorRoles
        purposeOfUse
        action
        decision
        rule
        requestId
      }
      hasMore
    }
  }
`);
