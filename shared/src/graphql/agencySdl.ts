/** The SDL every agency subgraph adds for consents, the audit trail and the facts it lends. */
/** The SDL every agency subgraph adds for consents, the audit trail and the facts it lends:
 *  generated from the agency's names, so the five agencies cannot drift apart. */
export function agencyAccessSdl(
  prefix: string,
  key: string,
  fact?: { field: string; means: string },
): string {
  // the seal first: Hive Gateway's JavaScript planner checks a @requires selection only up to its
  // first nested field
  const links = 'recordLinksSeal recordLinks { agency recordId status }';
  return `
extend type Child @key(fields: "id") {
  "${prefix} consents about this child (internal; callers read Child.consents, merged by the child index)."
  ${key}Consents: [Consent!]! @requires(fields: "${links}") @inaccessible
  "${prefix} audit events about this child (internal; callers read Child.auditTrail)."
  ${key}AuditEvents: [AuditEvent!]! @requires(fields: "${links}") @inaccessible
  "${prefix}'s part of the family's accounting of disclosures, one JSON object per disclosure (internal; callers read Child.disclosureReport)."
  ${key}Disclosures: [String!]! @requires(fields: "${links}") @inaccessible
${fact ? `  "Fact ${prefix} lends other agencies' policies: ${fact.means} (internal; null unless the viewer is ${prefix} staff)."\n  ${fact.field}: Boolean @requires(fields: "${links}") @inaccessible\n  "${prefix}'s seal over ${fact.field}, for this child and caller (internal: a policy uses the fact only with it)."\n  ${fact.field}Seal: String @requires(fields: "${links}") @inaccessible\n` : ''}}

"The stored record of a single upsert."
type Upserted${prefix}Record {
  "The holding agency's id of the record (its own, not the child index's)."
  id: ID!
  "True when the call created the record; false when it updated or re-sent it."
  created: Boolean!
}

extend type Query {
  "${prefix} consents of one person record (the agency's own staff, and recipients named in them)."
  ${key}Consents("Source system of the person record." sourceSystem: String!, "External id of the person record." personExternalId: String!): [Consent!]!
  "${prefix}'s audit trail, newest first (its privacy officers only)."
  ${key}AuditTrail(
    "ISO 8601 lower bound (inclusive)."
    from: String
    "ISO 8601 upper bound (exclusive)."
    to: String
    "Only events of this token subject."
    actor: String
    "Only events about this person record."
    recordId: ID
    "Only events about this child (the index's id)."
    childId: ID
    "Only events of this decision: PERMIT, DENY, CONSENT_RECORDED, CONSENT_AMENDED, CONSENT_REVOKED or a team change (TEAM_FORMED, TEAM_MEMBER_ADDED, …)."
    decision: String
    "Page size, at most 500. Default 100."
    first: Int
    "Cursor from the previous page."
    after: String
  ): AuditEventPage!
  "Recomputes ${prefix}'s audit trail hash chain now (its privacy officers only); npm run audit:verify also checks it against the signed checkpoints kept outside the database."
  ${key}AuditChain: AuditChainStatus!
  "Every break-glass access to ${prefix} records in a period (its privacy officers only)."
  ${key}BreakGlassReport("ISO 8601 lower bound." from: String, "ISO 8601 upper bound." to: String): [AuditEvent!]!
  "${prefix}'s privacy notices, newest first: one for every break-glass access to its records (its privacy officers only)."
  ${key}PrivacyNotices(
    "Only notices no privacy officer has acknowledged yet."
    unacknowledgedOnly: Boolean = true
    "Page size, at most 500. Default 100."
    first: Int
  ): [PrivacyNotice!]!
}

extend type Mutation {
  "Record a consent to disclose ${prefix} records (its own staff)."
  record${prefix}Consent("The consent." consent: ConsentInput!): Consent!
  "Amend a ${prefix} consent; the version goes up."
  amend${prefix}Consent("The consent's id." id: ID!, "What changes." amendment: ConsentAmendment!): Consent!
  "Revoke a ${prefix} consent: access it granted ends with the next request."
  revoke${prefix}Consent("The consent's id." id: ID!, "Why." reason: String!): Consent!
  "Acknowledge a ${prefix} privacy notice after review, once (its privacy officers only)."
  acknowledge${prefix}PrivacyNotice(
    "The notice's id."
    id: ID!
    "What the review found, at most 2000 characters."
    note: String
  ): PrivacyNotice!
}
`;
}
