/** The SDL every agency adds for closed-loop referrals: generated from its names, so the five
 *  cannot drift apart. The enums and the input are the same text in every agency (composition
 *  merges them); `DirectoryService` is the child index's entity, named here by its key only. */
export function referralSdl(prefix: string, key: string): string {
  return `
"Where a referral stands. SENT, then ACCEPTED or DECLINED; an accepted referral is then COMPLETED (or DECLINED). DECLINED and COMPLETED are final."
enum ServiceReferralStatus {
  "Sent by the referrer; the receiver has not answered yet."
  SENT
  "The receiver took the child on."
  ACCEPTED
  "The receiver declined (a reason is given)."
  DECLINED
  "The service was delivered."
  COMPLETED
}

"A referral to send: about one of the referrer's person records, to another agency (toAgency) or to a service of the county's directory (toServiceId), one of the two."
input ServiceReferralInput {
  "Source system of the referrer's person record of the child."
  sourceSystem: String!
  "External id of that person record."
  personExternalId: String!
  "The receiving agency (not the referrer)."
  toAgency: Agency
  "The receiving directory service (Query.directoryServices): a provider without the platform; the referrer records its answers."
  toServiceId: ID
  "For an agency: its policy category the referral falls under (e.g. MENTAL_HEALTH, SUD for behavioral health), which decides what it may tell back; for a directory service: the need (a taxonomy code)."
  category: String!
  "What the child needs, in a few words (at most 1000 characters): the receiver reads it."
  need: String!
}

"A service of the county's directory of local services (Open Referral HSDS 3.0 service), kept by the agency that maintains its organization; no child in it."
type DirectoryService @key(fields: "id", resolvable: false) {
  "The service's id (its HSDS id)."
  id: ID!
}

"One change of a referral's status."
type ${prefix}ServiceReferralStatusChange {
  "The status it moved to."
  status: ServiceReferralStatus!
  "Why (a decline's reason, a completion's note)."
  reason: String
  "When (ISO 8601)."
  at: String!
  "True when the referrer recorded it on a directory provider's word (no platform receiver)."
  onProviderWord: Boolean!
}

"A referral ${prefix} sent (its own staff see it): where it stands is what the receiver's policy lets it tell ${prefix}."
type ${prefix}ServiceReferral {
  "The referral's id."
  id: ID!
  "${prefix}'s person record of the child."
  recordId: ID!
  "The receiving agency; null for a directory service."
  toAgency: Agency
  "The receiving directory service; null for an agency."
  toService: DirectoryService
  "The receiver's category (or the need's code)."
  category: String!
  "What the child needs."
  need: String!
  "Where the referral stands as far as ${prefix} may know: SENT unless the receiver told more (statusShared), or the provider said so (directory services)."
  status: ServiceReferralStatus!
  "True when status and history carry the receiver's answers (its policy allowed it, e.g. a consent in force naming ${prefix}) or a directory provider's word; false: ${prefix} knows it sent the referral, nothing more."
  statusShared: Boolean!
  "Every status change ${prefix} may know of, oldest first (the first is SENT)."
  history: [${prefix}ServiceReferralStatusChange!]!
  "Who sent it (token subject)."
  createdBy: String!
  "When it was sent (ISO 8601)."
  createdAt: String!
}

"A referral ${prefix} received from another agency (its own staff see it). Who the child is stays with the referrer: Query.childByAgencyRecord(agency: fromAgency, recordId: fromRecordId) shows them as the referrer's policy allows."
type ${prefix}IncomingServiceReferral {
  "The incoming referral's id (the one to accept, decline or complete)."
  id: ID!
  "The referring agency."
  fromAgency: Agency!
  "The referrer's person record of the child."
  fromRecordId: ID!
  "${prefix}'s category the referral falls under."
  category: String!
  "What the child needs, in the referrer's words."
  need: String!
  "Where it stands."
  status: ServiceReferralStatus!
  "${prefix}'s own person record of the child, once linked (accepting links it)."
  recordId: ID
  "Who sent it (the referrer's token subject)."
  sentBy: String!
  "When it arrived (ISO 8601)."
  receivedAt: String!
  "Every status change, oldest first."
  history: [${prefix}ServiceReferralStatusChange!]!
}

extend type Query {
  "The referrals ${prefix} sent about one of its person records (its own staff)."
  ${key}ServiceReferrals("Source system of the person record." sourceSystem: String!, "External id of the person record." personExternalId: String!): [${prefix}ServiceReferral!]!
  "The referrals ${prefix} received, newest first (its staff who answer referrals)."
  ${key}IncomingServiceReferrals("Only those in this status." status: ServiceReferralStatus, "At most this many, 1 to 500. Default 100." first: Int = 100): [${prefix}IncomingServiceReferral!]!
}

extend type Mutation {
  "Refer a child ${prefix} knows to another agency (handed over at once; nothing is stored if the receiver refuses or is down) or to a directory service."
  refer${prefix}Child("The referral." referral: ServiceReferralInput!): ${prefix}ServiceReferral!
  "Accept a referral ${prefix} received, linking ${prefix}'s own person record of the child."
  accept${prefix}ServiceReferral("The incoming referral's id." id: ID!, "Source system of ${prefix}'s person record." sourceSystem: String!, "External id of ${prefix}'s person record." personExternalId: String!): ${prefix}IncomingServiceReferral!
  "Decline a referral ${prefix} received (SENT or ACCEPTED), with a reason."
  decline${prefix}ServiceReferral("The incoming referral's id." id: ID!, "Why, at most 2000 characters." reason: String!, "Source system of ${prefix}'s person record, when it holds one." sourceSystem: String, "External id of that person record." personExternalId: String): ${prefix}IncomingServiceReferral!
  "Complete an accepted referral ${prefix} received: the service was delivered."
  complete${prefix}ServiceReferral("The incoming referral's id." id: ID!, "A note, at most 2000 characters." note: String): ${prefix}IncomingServiceReferral!
  "Record a directory provider's answer to a referral ${prefix} sent to a directory service (no platform receiver): marked as on the provider's word."
  record${prefix}ServiceReferralOutcome("The referral's id." id: ID!, "The status the provider reported." status: ServiceReferralStatus!, "Why (a decline's reason), at most 2000 characters." reason: String): ${prefix}ServiceReferral!
}
`;
}
