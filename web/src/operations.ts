import { graphql } from './gql';

/** Every operation the app sends; `npm run codegen -w web` types them (web/src/gql). */

export const SearchChildren = graphql(`
  query SearchChildren($givenName: String, $familyName: String, $birthDate: String, $first: Int) {
    searchChildren(givenName: $givenName, familyName: $familyName, birthDate: $birthDate, first: $first) {
      nodes {
        id
        givenName
        familyName
        birthDate
        links {
          agency
          status
        }
      }
      hasMore
    }
  }
`);

export const RestrictedFields = graphql(`
  fragment RestrictedFields on Restricted {
    agency
    category
    reason
    howToGetAccess
  }
`);

export const ChildView = graphql(`
  query ChildView($id: ID!) {
    child(id: $id) {
      id
      givenName
      middleName
      familyName
      birthDate
      sex
      links {
        agency
        status
      }
      childWelfare {
        __typename
        ... on Restricted {
          ...RestrictedFields
        }
        ... on ChildWelfareSection {
          restricted {
            ...RestrictedFields
          }
          notices
          cases {
            id
            serviceComponent
            openedDate
            closedDate
          }
          placements {
            id
            placementType
            providerName
            startDate
            endDate
          }
        }
      }
      behavioralHealth {
        __typename
        ... on Restricted {
          ...RestrictedFields
        }
        ... on BehavioralHealthSection {
          restricted {
            ...RestrictedFields
          }
          notices
          episodes {
            id
            program
            levelOfCare
            startDate
            endDate
            isSubstanceUse
          }
        }
      }
      probation {
        __typename
        ... on Restricted {
          ...RestrictedFields
        }
        ... on ProbationSection {
          restricted {
            ...RestrictedFields
          }
          notices
          referrals {
            id
            referralDate
            offenseLevel
            offenseDescription
          }
          supervisionTerms {
            id
            supervisionLevel
            status
            startDate
            endDate
          }
        }
      }
      education {
        __typename
        ... on Restricted {
          ...RestrictedFields
        }
        ... on EducationSection {
          restricted {
            ...RestrictedFields
          }
          notices
          enrollments {
            id
            schoolYear
            gradeLevel
            entryDate
            exitDate
            school {
              name
            }
          }
        }
      }
      housing {
        __typename
        ... on Restricted {
          ...RestrictedFields
        }
        ... on HousingSection {
          restricted {
            ...RestrictedFields
          }
          notices
          enrollments {
            id
            entryDate
            exitDate
            project {
              name
              projectType
            }
          }
          homelessnessEpisodes {
            id
            episodeType
            startDate
            endDate
          }
        }
      }
    }
  }
`);

export const ReviewQueue = graphql(`
  query ReviewQueue($first: Int) {
    reviewQueue(first: $first) {
      nodes {
        id
        weight
        personWeight
        possibleTwins
        heldBy
        a {
          ...ReviewRecordFields
        }
        b {
          ...ReviewRecordFields
        }
        fields {
          field
          level
          weight
          valueA
          valueB
        }
        adjustments {
          kind
          weight
        }
      }
      hasMore
    }
  }
`);

export const ReviewRecordFields = graphql(`
  fragment ReviewRecordFields on ReviewRecord {
    agency
    recordId
    givenName
    familyName
    birthDate
  }
`);

export const ConfirmReviewPair = graphql(`
  mutation ConfirmReviewPair($id: ID!, $reason: String!) {
    confirmReviewPair(id: $id, reason: $reason) {
      id
    }
  }
`);

export const RejectReviewPair = graphql(`
  mutation RejectReviewPair($id: ID!, $reason: String!) {
    rejectReviewPair(id: $id, reason: $reason) {
      id
      status
    }
  }
`);

export const AuditEventFields = graphql(`
  fragment AuditEventFields on AuditEventPage {
    events {
      id
      at
      actor
      actorAgency
      actorRoles
      purposeOfUse
      childId
      categories
      decision
      rule
      breakGlass
    }
    endCursor
    hasMore
  }
`);
