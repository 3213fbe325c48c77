/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
  '\n  query Crossover($period: AnalyticsPeriodInput!, $systems: [Agency!], $by: [AnalyticsDimension!]) {\n    crossover(period: $period, systems: $systems, by: $by) {\n      dimensions\n      period {\n        from\n        to\n      }\n      cells {\n        group\n        children\n        suppressed\n      }\n      disclosure {\n        threshold\n        roundingBase\n      }\n      sources {\n        agency\n        available\n      }\n    }\n  }\n': typeof types.CrossoverDocument;
  '\n  fragment EstimateFields on Estimate {\n    value\n    low\n    high\n  }\n': typeof types.EstimateFieldsFragmentDoc;
  '\n  query Disproportionality(\n    $system: Agency!\n    $period: AnalyticsPeriodInput!\n    $by: AnalyticsDimension\n    $referenceGroup: String!\n  ) {\n    disproportionality(system: $system, period: $period, by: $by, referenceGroup: $referenceGroup) {\n      referenceGroup\n      populationSource\n      stages {\n        stage\n        rows {\n          group\n          children\n          suppressed\n          population\n          ratePer1000 {\n            ...EstimateFields\n          }\n          relativeRateIndex {\n            ...EstimateFields\n          }\n          disparityIndex {\n            ...EstimateFields\n          }\n          notes\n        }\n      }\n      disclosure {\n        threshold\n        roundingBase\n      }\n    }\n  }\n': typeof types.DisproportionalityDocument;
  '\n  query ReferenceGroups($by: [AnalyticsDimension!]) {\n    referencePopulation(by: $by) {\n      group\n      count\n    }\n  }\n': typeof types.ReferenceGroupsDocument;
  '\n  query ChildWelfareAuditTrail(\n    $from: String\n    $to: String\n    $actor: String\n    $recordId: ID\n    $first: Int\n    $after: String\n  ) {\n    trail: childWelfareAuditTrail(\n      from: $from\n      to: $to\n      actor: $actor\n      recordId: $recordId\n      first: $first\n      after: $after\n    ) {\n      ...AuditEventFields\n    }\n  }\n': typeof types.ChildWelfareAuditTrailDocument;
  '\n  query BehavioralHealthAuditTrail(\n    $from: String\n    $to: String\n    $actor: String\n    $recordId: ID\n    $first: Int\n    $after: String\n  ) {\n    trail: behavioralHealthAuditTrail(\n      from: $from\n      to: $to\n      actor: $actor\n      recordId: $recordId\n      first: $first\n      after: $after\n    ) {\n      ...AuditEventFields\n    }\n  }\n': typeof types.BehavioralHealthAuditTrailDocument;
  '\n  query ProbationAuditTrail(\n    $from: String\n    $to: String\n    $actor: String\n    $recordId: ID\n    $first: Int\n    $after: String\n  ) {\n    trail: probationAuditTrail(\n      from: $from\n      to: $to\n      actor: $actor\n      recordId: $recordId\n      first: $first\n      after: $after\n    ) {\n      ...AuditEventFields\n    }\n  }\n': typeof types.ProbationAuditTrailDocument;
  '\n  query EducationAuditTrail(\n    $from: String\n    $to: String\n    $actor: String\n    $recordId: ID\n    $first: Int\n    $after: String\n  ) {\n    trail: educationAuditTrail(\n      from: $from\n      to: $to\n      actor: $actor\n      recordId: $recordId\n      first: $first\n      after: $after\n    ) {\n      ...AuditEventFields\n    }\n  }\n': typeof types.EducationAuditTrailDocument;
  '\n  query HousingAuditTrail(\n    $from: String\n    $to: String\n    $actor: String\n    $recordId: ID\n    $first: Int\n    $after: String\n  ) {\n    trail: housingAuditTrail(\n      from: $from\n      to: $to\n      actor: $actor\n      recordId: $recordId\n      first: $first\n      after: $after\n    ) {\n      ...AuditEventFields\n    }\n  }\n': typeof types.HousingAuditTrailDocument;
  '\n  query SearchChildren($givenName: String, $familyName: String, $birthDate: String, $first: Int) {\n    searchChildren(givenName: $givenName, familyName: $familyName, birthDate: $birthDate, first: $first) {\n      nodes {\n        id\n        givenName\n        familyName\n        birthDate\n        links {\n          agency\n          status\n        }\n      }\n      hasMore\n    }\n  }\n': typeof types.SearchChildrenDocument;
  '\n  fragment RestrictedFields on Restricted {\n    agency\n    category\n    reason\n    howToGetAccess\n  }\n': typeof types.RestrictedFieldsFragmentDoc;
  '\n  query ChildView($id: ID!) {\n    child(id: $id) {\n      id\n      givenName\n      middleName\n      familyName\n      birthDate\n      sex\n      links {\n        agency\n        status\n      }\n      childWelfare {\n        __typename\n        ... on Restricted {\n          ...RestrictedFields\n        }\n        ... on ChildWelfareSection {\n          restricted {\n            ...RestrictedFields\n          }\n          notices\n          cases {\n            id\n            serviceComponent\n            openedDate\n            closedDate\n          }\n          placements {\n            id\n            placementType\n            providerName\n            startDate\n            endDate\n          }\n        }\n      }\n      behavioralHealth {\n        __typename\n        ... on Restricted {\n          ...RestrictedFields\n        }\n        ... on BehavioralHealthSection {\n          restricted {\n            ...RestrictedFields\n          }\n          notices\n          episodes {\n            id\n            program\n            levelOfCare\n            startDate\n            endDate\n            isSubstanceUse\n          }\n        }\n      }\n      probation {\n        __typename\n        ... on Restricted {\n          ...RestrictedFields\n        }\n        ... on ProbationSection {\n          restricted {\n            ...RestrictedFields\n          }\n          notices\n          referrals {\n            id\n            referralDate\n            offenseLevel\n            offenseDescription\n          }\n          supervisionTerms {\n            id\n            supervisionLevel\n            status\n            startDate\n            endDate\n          }\n        }\n      }\n      education {\n        __typename\n        ... on Restricted {\n          ...RestrictedFields\n        }\n        ... on EducationSection {\n          restricted {\n            ...RestrictedFields\n          }\n          notices\n          enrollments {\n            id\n            schoolYear\n            gradeLevel\n            entryDate\n            exitDate\n            school {\n              name\n            }\n          }\n        }\n      }\n      housing {\n        __typename\n        ... on Restricted {\n          ...RestrictedFields\n        }\n        ... on HousingSection {\n          restricted {\n            ...RestrictedFields\n          }\n          notices\n          enrollments {\n            id\n            entryDate\n            exitDate\n            project {\n              name\n              projectType\n            }\n          }\n          homelessnessEpisodes {\n            id\n            episodeType\n            startDate\n            endDate\n          }\n        }\n      }\n    }\n  }\n': typeof types.ChildViewDocument;
  '\n  query ReviewQueue($first: Int) {\n    reviewQueue(first: $first) {\n      nodes {\n        id\n        weight\n        personWeight\n        possibleTwins\n        heldBy\n        a {\n          ...ReviewRecordFields\n        }\n        b {\n          ...ReviewRecordFields\n        }\n        fields {\n          field\n          level\n          weight\n          valueA\n          valueB\n        }\n        adjustments {\n          kind\n          weight\n        }\n      }\n      hasMore\n    }\n  }\n': typeof types.ReviewQueueDocument;
  '\n  fragment ReviewRecordFields on ReviewRecord {\n    agency\n    recordId\n    givenName\n    familyName\n    birthDate\n  }\n': typeof types.ReviewRecordFieldsFragmentDoc;
  '\n  mutation ConfirmReviewPair($id: ID!, $reason: String!) {\n    confirmReviewPair(id: $id, reason: $reason) {\n      id\n    }\n  }\n': typeof types.ConfirmReviewPairDocument;
  '\n  mutation RejectReviewPair($id: ID!, $reason: String!) {\n    rejectReviewPair(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n': typeof types.RejectReviewPairDocument;
  '\n  fragment AuditEventFields on AuditEventPage {\n    events {\n      id\n      at\n      actor\n      actorAgency\n      actorRoles\n      purposeOfUse\n      childId\n      categories\n      decision\n      rule\n      breakGlass\n    }\n    endCursor\n    hasMore\n  }\n': typeof types.AuditEventFieldsFragmentDoc;
  '\n  query ChildWelfareBreakGlassReport($from: String, $to: String) {\n    report: childWelfareBreakGlassReport(from: $from, to: $to) {\n      ...BreakGlassEventFields\n    }\n  }\n': typeof types.ChildWelfareBreakGlassReportDocument;
  '\n  query BehavioralHealthBreakGlassReport($from: String, $to: String) {\n    report: behavioralHealthBreakGlassReport(from: $from, to: $to) {\n      ...BreakGlassEventFields\n    }\n  }\n': typeof types.BehavioralHealthBreakGlassReportDocument;
  '\n  query ProbationBreakGlassReport($from: String, $to: String) {\n    report: probationBreakGlassReport(from: $from, to: $to) {\n      ...BreakGlassEventFields\n    }\n  }\n': typeof types.ProbationBreakGlassReportDocument;
  '\n  query EducationBreakGlassReport($from: String, $to: String) {\n    report: educationBreakGlassReport(from: $from, to: $to) {\n      ...BreakGlassEventFields\n    }\n  }\n': typeof types.EducationBreakGlassReportDocument;
  '\n  query HousingBreakGlassReport($from: String, $to: String) {\n    report: housingBreakGlassReport(from: $from, to: $to) {\n      ...BreakGlassEventFields\n    }\n  }\n': typeof types.HousingBreakGlassReportDocument;
  '\n  fragment BreakGlassEventFields on AuditEvent {\n    id\n    at\n    actor\n    actorAgency\n    actorRoles\n    purposeOfUse\n    childId\n    recordIds\n    categories\n    decision\n    rule\n    requestId\n    breakGlassReason\n  }\n': typeof types.BreakGlassEventFieldsFragmentDoc;
  '\n  query WhoSawChild($id: ID!) {\n    child(id: $id) {\n      id\n      givenName\n      familyName\n      birthDate\n      links {\n        agency\n        recordId\n      }\n    }\n    childIndexAuditTrail(childId: $id, first: 200) {\n      nodes {\n        id\n        at\n        actor\n        actorAgency\n        actorRoles\n        purposeOfUse\n        action\n        decision\n        rule\n        requestId\n      }\n      hasMore\n    }\n  }\n': typeof types.WhoSawChildDocument;
  '\n  query StewardChild($id: ID!) {\n    child(id: $id) {\n      id\n      givenName\n      familyName\n      birthDate\n      links {\n        agency\n        recordId\n        status\n        matchScore\n      }\n      linkHistory {\n        at\n        actor\n        action\n        childId\n        otherChildId\n        agency\n        recordId\n        reason\n      }\n    }\n  }\n': typeof types.StewardChildDocument;
  '\n  mutation MergeChildren($childId: ID!, $intoChildId: ID!, $reason: String!) {\n    mergeChildren(childId: $childId, intoChildId: $intoChildId, reason: $reason) {\n      id\n    }\n  }\n': typeof types.MergeChildrenDocument;
  '\n  mutation SplitChild($childId: ID!, $records: [AgencyRecordRef!]!, $reason: String!) {\n    splitChild(childId: $childId, records: $records, reason: $reason) {\n      id\n    }\n  }\n': typeof types.SplitChildDocument;
};
const documents: Documents = {
  '\n  query Crossover($period: AnalyticsPeriodInput!, $systems: [Agency!], $by: [AnalyticsDimension!]) {\n    crossover(period: $period, systems: $systems, by: $by) {\n      dimensions\n      period {\n        from\n        to\n      }\n      cells {\n        group\n        children\n        suppressed\n      }\n      disclosure {\n        threshold\n        roundingBase\n      }\n      sources {\n        agency\n        available\n      }\n    }\n  }\n':
    types.CrossoverDocument,
  '\n  fragment EstimateFields on Estimate {\n    value\n    low\n    high\n  }\n':
    types.EstimateFieldsFragmentDoc,
  '\n  query Disproportionality(\n    $system: Agency!\n    $period: AnalyticsPeriodInput!\n    $by: AnalyticsDimension\n    $referenceGroup: String!\n  ) {\n    disproportionality(system: $system, period: $period, by: $by, referenceGroup: $referenceGroup) {\n      referenceGroup\n      populationSource\n      stages {\n        stage\n        rows {\n          group\n          children\n          suppressed\n          population\n          ratePer1000 {\n            ...EstimateFields\n          }\n          relativeRateIndex {\n            ...EstimateFields\n          }\n          disparityIndex {\n            ...EstimateFields\n          }\n          notes\n        }\n      }\n      disclosure {\n        threshold\n        roundingBase\n      }\n    }\n  }\n':
    types.DisproportionalityDocument,
  '\n  query ReferenceGroups($by: [AnalyticsDimension!]) {\n    referencePopulation(by: $by) {\n      group\n      count\n    }\n  }\n':
    types.ReferenceGroupsDocument,
  '\n  query ChildWelfareAuditTrail(\n    $from: String\n    $to: String\n    $actor: String\n    $recordId: ID\n    $first: Int\n    $after: String\n  ) {\n    trail: childWelfareAuditTrail(\n      from: $from\n      to: $to\n      actor: $actor\n      recordId: $recordId\n      first: $first\n      after: $after\n    ) {\n      ...AuditEventFields\n    }\n  }\n':
    types.ChildWelfareAuditTrailDocument,
  '\n  query BehavioralHealthAuditTrail(\n    $from: String\n    $to: String\n    $actor: String\n    $recordId: ID\n    $first: Int\n    $after: String\n  ) {\n    trail: behavioralHealthAuditTrail(\n      from: $from\n      to: $to\n      actor: $actor\n      recordId: $recordId\n      first: $first\n      after: $after\n    ) {\n      ...AuditEventFields\n    }\n  }\n':
    types.BehavioralHealthAuditTrailDocument,
  '\n  query ProbationAuditTrail(\n    $from: String\n    $to: String\n    $actor: String\n    $recordId: ID\n    $first: Int\n    $after: String\n  ) {\n    trail: probationAuditTrail(\n      from: $from\n      to: $to\n      actor: $actor\n      recordId: $recordId\n      first: $first\n      after: $after\n    ) {\n      ...AuditEventFields\n    }\n  }\n':
    types.ProbationAuditTrailDocument,
  '\n  query EducationAuditTrail(\n    $from: String\n    $to: String\n    $actor: String\n    $recordId: ID\n    $first: Int\n    $after: String\n  ) {\n    trail: educationAuditTrail(\n      from: $from\n      to: $to\n      actor: $actor\n      recordId: $recordId\n      first: $first\n      after: $after\n    ) {\n      ...AuditEventFields\n    }\n  }\n':
    types.EducationAuditTrailDocument,
  '\n  query HousingAuditTrail(\n    $from: String\n    $to: String\n    $actor: String\n    $recordId: ID\n    $first: Int\n    $after: String\n  ) {\n    trail: housingAuditTrail(\n      from: $from\n      to: $to\n      actor: $actor\n      recordId: $recordId\n      first: $first\n      after: $after\n    ) {\n      ...AuditEventFields\n    }\n  }\n':
    types.HousingAuditTrailDocument,
  '\n  query SearchChildren($givenName: String, $familyName: String, $birthDate: String, $first: Int) {\n    searchChildren(givenName: $givenName, familyName: $familyName, birthDate: $birthDate, first: $first) {\n      nodes {\n        id\n        givenName\n        familyName\n        birthDate\n        links {\n          agency\n          status\n        }\n      }\n      hasMore\n    }\n  }\n':
    types.SearchChildrenDocument,
  '\n  fragment RestrictedFields on Restricted {\n    agency\n    category\n    reason\n    howToGetAccess\n  }\n':
    types.RestrictedFieldsFragmentDoc,
  '\n  query ChildView($id: ID!) {\n    child(id: $id) {\n      id\n      givenName\n      middleName\n      familyName\n      birthDate\n      sex\n      links {\n        agency\n        status\n      }\n      childWelfare {\n        __typename\n        ... on Restricted {\n          ...RestrictedFields\n        }\n        ... on ChildWelfareSection {\n          restricted {\n            ...RestrictedFields\n          }\n          notices\n          cases {\n            id\n            serviceComponent\n            openedDate\n            closedDate\n          }\n          placements {\n            id\n            placementType\n            providerName\n            startDate\n            endDate\n          }\n        }\n      }\n      behavioralHealth {\n        __typename\n        ... on Restricted {\n          ...RestrictedFields\n        }\n        ... on BehavioralHealthSection {\n          restricted {\n            ...RestrictedFields\n          }\n          notices\n          episodes {\n            id\n            program\n            levelOfCare\n            startDate\n            endDate\n            isSubstanceUse\n          }\n        }\n      }\n      probation {\n        __typename\n        ... on Restricted {\n          ...RestrictedFields\n        }\n        ... on ProbationSection {\n          restricted {\n            ...RestrictedFields\n          }\n          notices\n          referrals {\n            id\n            referralDate\n            offenseLevel\n            offenseDescription\n          }\n          supervisionTerms {\n            id\n            supervisionLevel\n            status\n            startDate\n            endDate\n          }\n        }\n      }\n      education {\n        __typename\n        ... on Restricted {\n          ...RestrictedFields\n        }\n        ... on EducationSection {\n          restricted {\n            ...RestrictedFields\n          }\n          notices\n          enrollments {\n            id\n            schoolYear\n            gradeLevel\n            entryDate\n            exitDate\n            school {\n              name\n            }\n          }\n        }\n      }\n      housing {\n        __typename\n        ... on Restricted {\n          ...RestrictedFields\n        }\n        ... on HousingSection {\n          restricted {\n            ...RestrictedFields\n          }\n          notices\n          enrollments {\n            id\n            entryDate\n            exitDate\n            project {\n              name\n              projectType\n            }\n          }\n          homelessnessEpisodes {\n            id\n            episodeType\n            startDate\n            endDate\n          }\n        }\n      }\n    }\n  }\n':
    types.ChildViewDocument,
  '\n  query ReviewQueue($first: Int) {\n    reviewQueue(first: $first) {\n      nodes {\n        id\n        weight\n        personWeight\n        possibleTwins\n        heldBy\n        a {\n          ...ReviewRecordFields\n        }\n        b {\n          ...ReviewRecordFields\n        }\n        fields {\n          field\n          level\n          weight\n          valueA\n          valueB\n        }\n        adjustments {\n          kind\n          weight\n        }\n      }\n      hasMore\n    }\n  }\n':
    types.ReviewQueueDocument,
  '\n  fragment ReviewRecordFields on ReviewRecord {\n    agency\n    recordId\n    givenName\n    familyName\n    birthDate\n  }\n':
    types.ReviewRecordFieldsFragmentDoc,
  '\n  mutation ConfirmReviewPair($id: ID!, $reason: String!) {\n    confirmReviewPair(id: $id, reason: $reason) {\n      id\n    }\n  }\n':
    types.ConfirmReviewPairDocument,
  '\n  mutation RejectReviewPair($id: ID!, $reason: String!) {\n    rejectReviewPair(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n':
    types.RejectReviewPairDocument,
  '\n  fragment AuditEventFields on AuditEventPage {\n    events {\n      id\n      at\n      actor\n      actorAgency\n      actorRoles\n      purposeOfUse\n      childId\n      categories\n      decision\n      rule\n      breakGlass\n    }\n    endCursor\n    hasMore\n  }\n':
    types.AuditEventFieldsFragmentDoc,
  '\n  query ChildWelfareBreakGlassReport($from: String, $to: String) {\n    report: childWelfareBreakGlassReport(from: $from, to: $to) {\n      ...BreakGlassEventFields\n    }\n  }\n':
    types.ChildWelfareBreakGlassReportDocument,
  '\n  query BehavioralHealthBreakGlassReport($from: String, $to: String) {\n    report: behavioralHealthBreakGlassReport(from: $from, to: $to) {\n      ...BreakGlassEventFields\n    }\n  }\n':
    types.BehavioralHealthBreakGlassReportDocument,
  '\n  query ProbationBreakGlassReport($from: String, $to: String) {\n    report: probationBreakGlassReport(from: $from, to: $to) {\n      ...BreakGlassEventFields\n    }\n  }\n':
    types.ProbationBreakGlassReportDocument,
  '\n  query EducationBreakGlassReport($from: String, $to: String) {\n    report: educationBreakGlassReport(from: $from, to: $to) {\n      ...BreakGlassEventFields\n    }\n  }\n':
    types.EducationBreakGlassReportDocument,
  '\n  query HousingBreakGlassReport($from: String, $to: String) {\n    report: housingBreakGlassReport(from: $from, to: $to) {\n      ...BreakGlassEventFields\n    }\n  }\n':
    types.HousingBreakGlassReportDocument,
  '\n  fragment BreakGlassEventFields on AuditEvent {\n    id\n    at\n    actor\n    actorAgency\n    actorRoles\n    purposeOfUse\n    childId\n    recordIds\n    categories\n    decision\n    rule\n    requestId\n    breakGlassReason\n  }\n':
    types.BreakGlassEventFieldsFragmentDoc,
  '\n  query WhoSawChild($id: ID!) {\n    child(id: $id) {\n      id\n      givenName\n      familyName\n      birthDate\n      links {\n        agency\n        recordId\n      }\n    }\n    childIndexAuditTrail(childId: $id, first: 200) {\n      nodes {\n        id\n        at\n        actor\n        actorAgency\n        actorRoles\n        purposeOfUse\n        action\n        decision\n        rule\n        requestId\n      }\n      hasMore\n    }\n  }\n':
    types.WhoSawChildDocument,
  '\n  query StewardChild($id: ID!) {\n    child(id: $id) {\n      id\n      givenName\n      familyName\n      birthDate\n      links {\n        agency\n        recordId\n        status\n        matchScore\n      }\n      linkHistory {\n        at\n        actor\n        action\n        childId\n        otherChildId\n        agency\n        recordId\n        reason\n      }\n    }\n  }\n':
    types.StewardChildDocument,
  '\n  mutation MergeChildren($childId: ID!, $intoChildId: ID!, $reason: String!) {\n    mergeChildren(childId: $childId, intoChildId: $intoChildId, reason: $reason) {\n      id\n    }\n  }\n':
    types.MergeChildrenDocument,
  '\n  mutation SplitChild($childId: ID!, $records: [AgencyRecordRef!]!, $reason: String!) {\n    splitChild(childId: $childId, records: $records, reason: $reason) {\n      id\n    }\n  }\n':
    types.SplitChildDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Crossover($period: AnalyticsPeriodInput!, $systems: [Agency!], $by: [AnalyticsDimension!]) {\n    crossover(period: $period, systems: $systems, by: $by) {\n      dimensions\n      period {\n        from\n        to\n      }\n      cells {\n        group\n        children\n        suppressed\n      }\n      disclosure {\n        threshold\n        roundingBase\n      }\n      sources {\n        agency\n        available\n      }\n    }\n  }\n',
): (typeof documents)['\n  query Crossover($period: AnalyticsPeriodInput!, $systems: [Agency!], $by: [AnalyticsDimension!]) {\n    crossover(period: $period, systems: $systems, by: $by) {\n      dimensions\n      period {\n        from\n        to\n      }\n      cells {\n        group\n        children\n        suppressed\n      }\n      disclosure {\n        threshold\n        roundingBase\n      }\n      sources {\n        agency\n        available\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment EstimateFields on Estimate {\n    value\n    low\n    high\n  }\n',
): (typeof documents)['\n  fragment EstimateFields on Estimate {\n    value\n    low\n    high\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Disproportionality(\n    $system: Agency!\n    $period: AnalyticsPeriodInput!\n    $by: AnalyticsDimension\n    $referenceGroup: String!\n  ) {\n    disproportionality(system: $system, period: $period, by: $by, referenceGroup: $referenceGroup) {\n      referenceGroup\n      populationSource\n      stages {\n        stage\n        rows {\n          group\n          children\n          suppressed\n          population\n          ratePer1000 {\n            ...EstimateFields\n          }\n          relativeRateIndex {\n            ...EstimateFields\n          }\n          disparityIndex {\n            ...EstimateFields\n          }\n          notes\n        }\n      }\n      disclosure {\n        threshold\n        roundingBase\n      }\n    }\n  }\n',
): (typeof documents)['\n  query Disproportionality(\n    $system: Agency!\n    $period: AnalyticsPeriodInput!\n    $by: AnalyticsDimension\n    $referenceGroup: String!\n  ) {\n    disproportionality(system: $system, period: $period, by: $by, referenceGroup: $referenceGroup) {\n      referenceGroup\n      populationSource\n      stages {\n        stage\n        rows {\n          group\n          children\n          suppressed\n          population\n          ratePer1000 {\n            ...EstimateFields\n          }\n          relativeRateIndex {\n            ...EstimateFields\n          }\n          disparityIndex {\n            ...EstimateFields\n          }\n          notes\n        }\n      }\n      disclosure {\n        threshold\n        roundingBase\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ReferenceGroups($by: [AnalyticsDimension!]) {\n    referencePopulation(by: $by) {\n      group\n      count\n    }\n  }\n',
): (typeof documents)['\n  query ReferenceGroups($by: [AnalyticsDimension!]) {\n    referencePopulation(by: $by) {\n      group\n      count\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ChildWelfareAuditTrail(\n    $from: String\n    $to: String\n    $actor: String\n    $recordId: ID\n    $first: Int\n    $after: String\n  ) {\n    trail: childWelfareAuditTrail(\n      from: $from\n      to: $to\n      actor: $actor\n      recordId: $recordId\n      first: $first\n      after: $after\n    ) {\n      ...AuditEventFields\n    }\n  }\n',
): (typeof documents)['\n  query ChildWelfareAuditTrail(\n    $from: String\n    $to: String\n    $actor: String\n    $recordId: ID\n    $first: Int\n    $after: String\n  ) {\n    trail: childWelfareAuditTrail(\n      from: $from\n      to: $to\n      actor: $actor\n      recordId: $recordId\n      first: $first\n      after: $after\n    ) {\n      ...AuditEventFields\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query BehavioralHealthAuditTrail(\n    $from: String\n    $to: String\n    $actor: String\n    $recordId: ID\n    $first: Int\n    $after: String\n  ) {\n    trail: behavioralHealthAuditTrail(\n      from: $from\n      to: $to\n      actor: $actor\n      recordId: $recordId\n      first: $first\n      after: $after\n    ) {\n      ...AuditEventFields\n    }\n  }\n',
): (typeof documents)['\n  query BehavioralHealthAuditTrail(\n    $from: String\n    $to: String\n    $actor: String\n    $recordId: ID\n    $first: Int\n    $after: String\n  ) {\n    trail: behavioralHealthAuditTrail(\n      from: $from\n      to: $to\n      actor: $actor\n      recordId: $recordId\n      first: $first\n      after: $after\n    ) {\n      ...AuditEventFields\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ProbationAuditTrail(\n    $from: String\n    $to: String\n    $actor: String\n    $recordId: ID\n    $first: Int\n    $after: String\n  ) {\n    trail: probationAuditTrail(\n      from: $from\n      to: $to\n      actor: $actor\n      recordId: $recordId\n      first: $first\n      after: $after\n    ) {\n      ...AuditEventFields\n    }\n  }\n',
): (typeof documents)['\n  query ProbationAuditTrail(\n    $from: String\n    $to: String\n    $actor: String\n    $recordId: ID\n    $first: Int\n    $after: String\n  ) {\n    trail: probationAuditTrail(\n      from: $from\n      to: $to\n      actor: $actor\n      recordId: $recordId\n      first: $first\n      after: $after\n    ) {\n      ...AuditEventFields\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query EducationAuditTrail(\n    $from: String\n    $to: String\n    $actor: String\n    $recordId: ID\n    $first: Int\n    $after: String\n  ) {\n    trail: educationAuditTrail(\n      from: $from\n      to: $to\n      actor: $actor\n      recordId: $recordId\n      first: $first\n      after: $after\n    ) {\n      ...AuditEventFields\n    }\n  }\n',
): (typeof documents)['\n  query EducationAuditTrail(\n    $from: String\n    $to: String\n    $actor: String\n    $recordId: ID\n    $first: Int\n    $after: String\n  ) {\n    trail: educationAuditTrail(\n      from: $from\n      to: $to\n      actor: $actor\n      recordId: $recordId\n      first: $first\n      after: $after\n    ) {\n      ...AuditEventFields\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query HousingAuditTrail(\n    $from: String\n    $to: String\n    $actor: String\n    $recordId: ID\n    $first: Int\n    $after: String\n  ) {\n    trail: housingAuditTrail(\n      from: $from\n      to: $to\n      actor: $actor\n      recordId: $recordId\n      first: $first\n      after: $after\n    ) {\n      ...AuditEventFields\n    }\n  }\n',
): (typeof documents)['\n  query HousingAuditTrail(\n    $from: String\n    $to: String\n    $actor: String\n    $recordId: ID\n    $first: Int\n    $after: String\n  ) {\n    trail: housingAuditTrail(\n      from: $from\n      to: $to\n      actor: $actor\n      recordId: $recordId\n      first: $first\n      after: $after\n    ) {\n      ...AuditEventFields\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query SearchChildren($givenName: String, $familyName: String, $birthDate: String, $first: Int) {\n    searchChildren(givenName: $givenName, familyName: $familyName, birthDate: $birthDate, first: $first) {\n      nodes {\n        id\n        givenName\n        familyName\n        birthDate\n        links {\n          agency\n          status\n        }\n      }\n      hasMore\n    }\n  }\n',
): (typeof documents)['\n  query SearchChildren($givenName: String, $familyName: String, $birthDate: String, $first: Int) {\n    searchChildren(givenName: $givenName, familyName: $familyName, birthDate: $birthDate, first: $first) {\n      nodes {\n        id\n        givenName\n        familyName\n        birthDate\n        links {\n          agency\n          status\n        }\n      }\n      hasMore\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment RestrictedFields on Restricted {\n    agency\n    category\n    reason\n    howToGetAccess\n  }\n',
): (typeof documents)['\n  fragment RestrictedFields on Restricted {\n    agency\n    category\n    reason\n    howToGetAccess\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ChildView($id: ID!) {\n    child(id: $id) {\n      id\n      givenName\n      middleName\n      familyName\n      birthDate\n      sex\n      links {\n        agency\n        status\n      }\n      childWelfare {\n        __typename\n        ... on Restricted {\n          ...RestrictedFields\n        }\n        ... on ChildWelfareSection {\n          restricted {\n            ...RestrictedFields\n          }\n          notices\n          cases {\n            id\n            serviceComponent\n            openedDate\n            closedDate\n          }\n          placements {\n            id\n            placementType\n            providerName\n            startDate\n            endDate\n          }\n        }\n      }\n      behavioralHealth {\n        __typename\n        ... on Restricted {\n          ...RestrictedFields\n        }\n        ... on BehavioralHealthSection {\n          restricted {\n            ...RestrictedFields\n          }\n          notices\n          episodes {\n            id\n            program\n            levelOfCare\n            startDate\n            endDate\n            isSubstanceUse\n          }\n        }\n      }\n      probation {\n        __typename\n        ... on Restricted {\n          ...RestrictedFields\n        }\n        ... on ProbationSection {\n          restricted {\n            ...RestrictedFields\n          }\n          notices\n          referrals {\n            id\n            referralDate\n            offenseLevel\n            offenseDescription\n          }\n          supervisionTerms {\n            id\n            supervisionLevel\n            status\n            startDate\n            endDate\n          }\n        }\n      }\n      education {\n        __typename\n        ... on Restricted {\n          ...RestrictedFields\n        }\n        ... on EducationSection {\n          restricted {\n            ...RestrictedFields\n          }\n          notices\n          enrollments {\n            id\n            schoolYear\n            gradeLevel\n            entryDate\n            exitDate\n            school {\n              name\n            }\n          }\n        }\n      }\n      housing {\n        __typename\n        ... on Restricted {\n          ...RestrictedFields\n        }\n        ... on HousingSection {\n          restricted {\n            ...RestrictedFields\n          }\n          notices\n          enrollments {\n            id\n            entryDate\n            exitDate\n            project {\n              name\n              projectType\n            }\n          }\n          homelessnessEpisodes {\n            id\n            episodeType\n            startDate\n            endDate\n          }\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query ChildView($id: ID!) {\n    child(id: $id) {\n      id\n      givenName\n      middleName\n      familyName\n      birthDate\n      sex\n      links {\n        agency\n        status\n      }\n      childWelfare {\n        __typename\n        ... on Restricted {\n          ...RestrictedFields\n        }\n        ... on ChildWelfareSection {\n          restricted {\n            ...RestrictedFields\n          }\n          notices\n          cases {\n            id\n            serviceComponent\n            openedDate\n            closedDate\n          }\n          placements {\n            id\n            placementType\n            providerName\n            startDate\n            endDate\n          }\n        }\n      }\n      behavioralHealth {\n        __typename\n        ... on Restricted {\n          ...RestrictedFields\n        }\n        ... on BehavioralHealthSection {\n          restricted {\n            ...RestrictedFields\n          }\n          notices\n          episodes {\n            id\n            program\n            levelOfCare\n            startDate\n            endDate\n            isSubstanceUse\n          }\n        }\n      }\n      probation {\n        __typename\n        ... on Restricted {\n          ...RestrictedFields\n        }\n        ... on ProbationSection {\n          restricted {\n            ...RestrictedFields\n          }\n          notices\n          referrals {\n            id\n            referralDate\n            offenseLevel\n            offenseDescription\n          }\n          supervisionTerms {\n            id\n            supervisionLevel\n            status\n            startDate\n            endDate\n          }\n        }\n      }\n      education {\n        __typename\n        ... on Restricted {\n          ...RestrictedFields\n        }\n        ... on EducationSection {\n          restricted {\n            ...RestrictedFields\n          }\n          notices\n          enrollments {\n            id\n            schoolYear\n            gradeLevel\n            entryDate\n            exitDate\n            school {\n              name\n            }\n          }\n        }\n      }\n      housing {\n        __typename\n        ... on Restricted {\n          ...RestrictedFields\n        }\n        ... on HousingSection {\n          restricted {\n            ...RestrictedFields\n          }\n          notices\n          enrollments {\n            id\n            entryDate\n            exitDate\n            project {\n              name\n              projectType\n            }\n          }\n          homelessnessEpisodes {\n            id\n            episodeType\n            startDate\n            endDate\n          }\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ReviewQueue($first: Int) {\n    reviewQueue(first: $first) {\n      nodes {\n        id\n        weight\n        personWeight\n        possibleTwins\n        heldBy\n        a {\n          ...ReviewRecordFields\n        }\n        b {\n          ...ReviewRecordFields\n        }\n        fields {\n          field\n          level\n          weight\n          valueA\n          valueB\n        }\n        adjustments {\n          kind\n          weight\n        }\n      }\n      hasMore\n    }\n  }\n',
): (typeof documents)['\n  query ReviewQueue($first: Int) {\n    reviewQueue(first: $first) {\n      nodes {\n        id\n        weight\n        personWeight\n        possibleTwins\n        heldBy\n        a {\n          ...ReviewRecordFields\n        }\n        b {\n          ...ReviewRecordFields\n        }\n        fields {\n          field\n          level\n          weight\n          valueA\n          valueB\n        }\n        adjustments {\n          kind\n          weight\n        }\n      }\n      hasMore\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment ReviewRecordFields on ReviewRecord {\n    agency\n    recordId\n    givenName\n    familyName\n    birthDate\n  }\n',
): (typeof documents)['\n  fragment ReviewRecordFields on ReviewRecord {\n    agency\n    recordId\n    givenName\n    familyName\n    birthDate\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ConfirmReviewPair($id: ID!, $reason: String!) {\n    confirmReviewPair(id: $id, reason: $reason) {\n      id\n    }\n  }\n',
): (typeof documents)['\n  mutation ConfirmReviewPair($id: ID!, $reason: String!) {\n    confirmReviewPair(id: $id, reason: $reason) {\n      id\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation RejectReviewPair($id: ID!, $reason: String!) {\n    rejectReviewPair(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n',
): (typeof documents)['\n  mutation RejectReviewPair($id: ID!, $reason: String!) {\n    rejectReviewPair(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment AuditEventFields on AuditEventPage {\n    events {\n      id\n      at\n      actor\n      actorAgency\n      actorRoles\n      purposeOfUse\n      childId\n      categories\n      decision\n      rule\n      breakGlass\n    }\n    endCursor\n    hasMore\n  }\n',
): (typeof documents)['\n  fragment AuditEventFields on AuditEventPage {\n    events {\n      id\n      at\n      actor\n      actorAgency\n      actorRoles\n      purposeOfUse\n      childId\n      categories\n      decision\n      rule\n      breakGlass\n    }\n    endCursor\n    hasMore\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ChildWelfareBreakGlassReport($from: String, $to: String) {\n    report: childWelfareBreakGlassReport(from: $from, to: $to) {\n      ...BreakGlassEventFields\n    }\n  }\n',
): (typeof documents)['\n  query ChildWelfareBreakGlassReport($from: String, $to: String) {\n    report: childWelfareBreakGlassReport(from: $from, to: $to) {\n      ...BreakGlassEventFields\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query BehavioralHealthBreakGlassReport($from: String, $to: String) {\n    report: behavioralHealthBreakGlassReport(from: $from, to: $to) {\n      ...BreakGlassEventFields\n    }\n  }\n',
): (typeof documents)['\n  query BehavioralHealthBreakGlassReport($from: String, $to: String) {\n    report: behavioralHealthBreakGlassReport(from: $from, to: $to) {\n      ...BreakGlassEventFields\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ProbationBreakGlassReport($from: String, $to: String) {\n    report: probationBreakGlassReport(from: $from, to: $to) {\n      ...BreakGlassEventFields\n    }\n  }\n',
): (typeof documents)['\n  query ProbationBreakGlassReport($from: String, $to: String) {\n    report: probationBreakGlassReport(from: $from, to: $to) {\n      ...BreakGlassEventFields\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query EducationBreakGlassReport($from: String, $to: String) {\n    report: educationBreakGlassReport(from: $from, to: $to) {\n      ...BreakGlassEventFields\n    }\n  }\n',
): (typeof documents)['\n  query EducationBreakGlassReport($from: String, $to: String) {\n    report: educationBreakGlassReport(from: $from, to: $to) {\n      ...BreakGlassEventFields\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query HousingBreakGlassReport($from: String, $to: String) {\n    report: housingBreakGlassReport(from: $from, to: $to) {\n      ...BreakGlassEventFields\n    }\n  }\n',
): (typeof documents)['\n  query HousingBreakGlassReport($from: String, $to: String) {\n    report: housingBreakGlassReport(from: $from, to: $to) {\n      ...BreakGlassEventFields\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment BreakGlassEventFields on AuditEvent {\n    id\n    at\n    actor\n    actorAgency\n    actorRoles\n    purposeOfUse\n    childId\n    recordIds\n    categories\n    decision\n    rule\n    requestId\n    breakGlassReason\n  }\n',
): (typeof documents)['\n  fragment BreakGlassEventFields on AuditEvent {\n    id\n    at\n    actor\n    actorAgency\n    actorRoles\n    purposeOfUse\n    childId\n    recordIds\n    categories\n    decision\n    rule\n    requestId\n    breakGlassReason\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query WhoSawChild($id: ID!) {\n    child(id: $id) {\n      id\n      givenName\n      familyName\n      birthDate\n      links {\n        agency\n        recordId\n      }\n    }\n    childIndexAuditTrail(childId: $id, first: 200) {\n      nodes {\n        id\n        at\n        actor\n        actorAgency\n        actorRoles\n        purposeOfUse\n        action\n        decision\n        rule\n        requestId\n      }\n      hasMore\n    }\n  }\n',
): (typeof documents)['\n  query WhoSawChild($id: ID!) {\n    child(id: $id) {\n      id\n      givenName\n      familyName\n      birthDate\n      links {\n        agency\n        recordId\n      }\n    }\n    childIndexAuditTrail(childId: $id, first: 200) {\n      nodes {\n        id\n        at\n        actor\n        actorAgency\n        actorRoles\n        purposeOfUse\n        action\n        decision\n        rule\n        requestId\n      }\n      hasMore\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query StewardChild($id: ID!) {\n    child(id: $id) {\n      id\n      givenName\n      familyName\n      birthDate\n      links {\n        agency\n        recordId\n        status\n        matchScore\n      }\n      linkHistory {\n        at\n        actor\n        action\n        childId\n        otherChildId\n        agency\n        recordId\n        reason\n      }\n    }\n  }\n',
): (typeof documents)['\n  query StewardChild($id: ID!) {\n    child(id: $id) {\n      id\n      givenName\n      familyName\n      birthDate\n      links {\n        agency\n        recordId\n        status\n        matchScore\n      }\n      linkHistory {\n        at\n        actor\n        action\n        childId\n        otherChildId\n        agency\n        recordId\n        reason\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation MergeChildren($childId: ID!, $intoChildId: ID!, $reason: String!) {\n    mergeChildren(childId: $childId, intoChildId: $intoChildId, reason: $reason) {\n      id\n    }\n  }\n',
): (typeof documents)['\n  mutation MergeChildren($childId: ID!, $intoChildId: ID!, $reason: String!) {\n    mergeChildren(childId: $childId, intoChildId: $intoChildId, reason: $reason) {\n      id\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation SplitChild($childId: ID!, $records: [AgencyRecordRef!]!, $reason: String!) {\n    splitChild(childId: $childId, records: $records, reason: $reason) {\n      id\n    }\n  }\n',
): (typeof documents)['\n  mutation SplitChild($childId: ID!, $records: [AgencyRecordRef!]!, $reason: String!) {\n    splitChild(childId: $childId, records: $records, reason: $reason) {\n      id\n    }\n  }\n'];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> =
  TDocumentNode extends DocumentNode<infer TType, any> ? TType : never;
