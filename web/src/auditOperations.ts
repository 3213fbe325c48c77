import { graphql } from './gql';

/** Each agency's audit trail is its own field (its privacy officers read their own agency's). */

export const ChildWelfareAuditTrail = graphql(`
  query ChildWelfareAuditTrail(
    $from: String
    $to: String
    $actor: String
    $recordId: ID
    $childId: ID
    $decision: String
    $first: Int
    $after: String
  ) {
    trail: childWelfareAuditTrail(
      from: $from
      to: $to
      actor: $actor
      recordId: $recordId
      childId: $childId
      decision: $decision
      first: $first
      after: $after
    ) {
      ...AuditEventFields
    }
    chain: childWelfareAuditChain {
      verified
      rows
      brokenAtId
      problem
    }
  }
`);

export const BehavioralHealthAuditTrail = graphql(`
  query BehavioralHealthAuditTrail(
    $from: String
    $to: String
    $actor: String
    $recordId: ID
    $childId: ID
    $decision: String
    $first: Int
    $after: String
  ) {
    trail: behavioralHealthAuditTrail(
      from: $from
      to: $to
      actor: $actor
      recordId: $recordId
      childId: $childId
      decision: $decision
      first: $first
      after: $after
    ) {
      ...AuditEventFields
    }
    chain: behavioralHealthAuditChain {
      verified
      rows
      brokenAtId
      problem
    }
  }
`);

export const ProbationAuditTrail = graphql(`
  query ProbationAuditTrail(
    $from: String
    $to: String
    $actor: String
    $recordId: ID
    $childId: ID
    $decision: String
    $first: Int
    $after: String
  ) {
    trail: probationAuditTrail(
      from: $from
      to: $to
      actor: $actor
      recordId: $recordId
      childId: $childId
      decision: $decision
      first: $first
      after: $after
    ) {
      ...AuditEventFields
    }
    chain: probationAuditChain {
      verified
      rows
      brokenAtId
      problem
    }
  }
`);

export const EducationAuditTrail = graphql(`
  query EducationAuditTrail(
    $from: String
    $to: String
    $actor: String
    $recordId: ID
    $childId: ID
    $decision: String
    $first: Int
    $after: String
  ) {
    trail: educationAuditTrail(
      from: $from
      to: $to
      actor: $actor
      recordId: $recordId
      childId: $childId
      decision: $decision
      first: $first
      after: $after
    ) {
      ...AuditEventFields
    }
    chain: educationAuditChain {
      verified
      rows
      brokenAtId
      problem
    }
  }
`);

export const HousingAuditTrail = graphql(`
  query HousingAuditTrail(
    $from: String
    $to: String
    $actor: String
    $recordId: ID
    $childId: ID
    $decision: String
    $first: Int
    $after: String
  ) {
    trail: housingAuditTrail(
      from: $from
      to: $to
      actor: $actor
      recordId: $recordId
      childId: $childId
      decision: $decision
      first: $first
      after: $after
    ) {
      ...AuditEventFields
    }
    chain: housingAuditChain {
      verified
      rows
      brokenAtId
      problem
    }
  }
`);

export const AUDIT_TRAILS = {
  CHILD_WELFARE: ChildWelfareAuditTrail,
  BEHAVIORAL_HEALTH: BehavioralHealthAuditTrail,
  PROBATION: ProbationAuditTrail,
  EDUCATION: EducationAuditTrail,
  HOUSING: HousingAuditTrail,
} as const;
