import { graphql } from './gql';

/** The data steward's corrections of the child index: a child's links and their history, merge
 *  and split (each with a reason, kept in the history). */

export const StewardChild = graphql(`
  query StewardChild($id: ID!) {
    child(id: $id) {
      id
      givenName
      familyName
      birthDate
      links {
        agency
        recordId
        status
        matchScore
      }
      linkHistory {
        at
        actor
        action
        childId
        otherChildId
        agency
        recordId
        reason
      }
    }
  }
`);

export const MergeChildren = graphql(`
  mutation MergeChildren($childId: ID!, $intoChildId: ID!, $reason: String!) {
    mergeChildren(childId: $childId, intoChildId: $intoChildId, reason: $reason) {
      id
    }
  }
`);

export const SplitChild = graphql(`
  mutation SplitChild($childId: ID!, $records: [AgencyRecordRef!]!, $reason: String!) {
    splitChild(childId: $childId, records: $records, reason: $reason) {
      id
    }
  }
`);
