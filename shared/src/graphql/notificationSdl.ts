/** How far back a redelivery reaches, in days (here, with no import: the gateway loads this SDL,
 *  never the agency kit). */
export const MAX_REDELIVERY_DAYS = 30;

/** The SDL every agency adds for webhook notifications (issue 24): subscriptions at the source
 *  agency, and its delivery log. Generated from the agency's names, so the five cannot drift apart;
 *  the enum and the input are the same text in all (composition merges them). */
export function notificationSdl(prefix: string, key: string): string {
  return `
"An event an agency system may subscribe to. Each originates in the agency holding the record."
enum NotificationEventType {
  "Child welfare: a placement began, ended or changed (type or dates)."
  PLACEMENT_CHANGED
  "Education: a school enrollment began, ended or moved to another school."
  SCHOOL_ENROLLMENT_CHANGED
  "Probation: a new referral was received."
  PROBATION_REFERRAL_CREATED
  "Behavioral health: a crisis episode began (crisis program or crisis level of care)."
  BEHAVIORAL_HEALTH_CRISIS_EPISODE
  "Housing: an enrollment ended with an exit to homelessness (shelter or a place not meant for habitation)."
  HOUSING_EXIT_TO_HOMELESSNESS
  "A closed-loop referral's status changed (any agency)."
  REFERRAL_STATUS_CHANGED
  "A Child and Family Team's membership changed (a convening agency)."
  TEAM_MEMBERSHIP_CHANGED
}

"A webhook subscription to create at the source agency."
input WebhookSubscriptionInput {
  "Where deliveries are POSTed: https in production (in development, a loopback address only); at most 2000 characters, no credentials in it."
  callbackUrl: String!
  "The events to receive (those this agency produces); at least one."
  eventTypes: [NotificationEventType!]!
  "The subscriber's staff role whose view decides what it may hear of (e.g. FOSTER_CARE_LIAISON): a role the subscriber's agency issues."
  role: String!
  "The purpose of use the source agency's policy is asked under. Default CARE_COORDINATION."
  purposeOfUse: PurposeOfUse
}

"A subscription of an agency system to ${prefix}'s events. Deliveries are POSTed as JSON { id, type, childId, sourceAgency, recordKind, recordId, occurredAt }, signed in the wholechild-signature header (t=<unix seconds>,v1=<hex HMAC-SHA256 of \\"t.body\\" under the secret>), with the event id as Idempotency-Key."
type ${prefix}WebhookSubscription {
  "The subscription's id."
  id: ID!
  "The subscribing agency (the token's agency that created it)."
  subscriberAgency: Agency!
  "The staff role whose view decides what it hears of."
  role: String!
  "The purpose of use its deliveries are decided under."
  purposeOfUse: PurposeOfUse!
  "Where deliveries go."
  callbackUrl: String!
  "The events it receives."
  eventTypes: [NotificationEventType!]!
  "Who created it (token subject)."
  createdBy: String!
  "When (ISO 8601)."
  createdAt: String!
  "False once deactivated: nothing more is delivered."
  active: Boolean!
  "After a rotation (rotate${prefix}WebhookSecret): until when deliveries are signed with the previous secret too (ISO 8601); null when they are signed with one secret."
  previousSecretUntil: String
}

"A subscription just created, with its signing secret: shown this once, never again."
type ${prefix}WebhookSubscriptionCreated {
  "The subscription."
  subscription: ${prefix}WebhookSubscription!
  "The HMAC-SHA256 secret that signs its deliveries (whsec_…): keep it; it is not shown again."
  secret: String!
}

"One attempt to deliver one event to one subscription (the delivery log: no child data)."
type ${prefix}WebhookAttempt {
  "The attempt's id."
  id: ID!
  "The subscription."
  subscriptionId: ID!
  "The event (the deliveries' idempotency key)."
  eventId: ID!
  "The event's type."
  eventType: NotificationEventType!
  "1 for the first attempt of this delivery, 2 for its first retry, …"
  attempt: Int!
  "When it was made (ISO 8601)."
  attemptedAt: String!
  "The receiver's HTTP status; null when it did not answer."
  statusCode: Int
  "Why it failed (no answer, a timeout, a non-2xx status); null when delivered."
  error: String
  "How long it took, in ms."
  durationMs: Int!
  "True when the receiver took it (2xx): the delivery is done."
  delivered: Boolean!
}

"A delivery log entry with its cursor."
type ${prefix}WebhookAttemptEdge {
  "Pass as \`after\` to read the entries after this one."
  cursor: String!
  "The attempt."
  node: ${prefix}WebhookAttempt!
}

"A page of a subscription's delivery log, oldest attempt first."
type ${prefix}WebhookAttemptConnection {
  "The attempts of this page with their cursors (Relay)."
  edges: [${prefix}WebhookAttemptEdge!]!
  "Where the page stands (Relay)."
  pageInfo: PageInfo!
}

extend type Query {
  "Webhook subscriptions to ${prefix}'s events: all of them to ${prefix}'s integration accounts, data stewards, privacy officers and supervisors; another agency's, its own."
  ${key}WebhookSubscriptions: [${prefix}WebhookSubscription!]!
  "The delivery log of one subscription to ${prefix}'s events (the subscriber's, and ${prefix}'s integration accounts, data stewards, privacy officers and supervisors)."
  ${key}WebhookDeliveryLog(
    "The subscription."
    subscriptionId: ID!
    "Page size, at most 500. Default 100."
    first: Int
    "Cursor from the previous page."
    after: String
  ): ${prefix}WebhookAttemptConnection!
}

extend type Mutation {
  "Subscribe an agency system to ${prefix}'s events (integration accounts and data stewards of any agency). Each delivery is only about a child the subscriber's agency is linked to, and only when ${prefix}'s policy lets the subscriber's agency and role see it; a denied one is not sent and is audited."
  create${prefix}WebhookSubscription("The subscription." subscription: WebhookSubscriptionInput!): ${prefix}WebhookSubscriptionCreated!
  "Stop a subscription (its agency's integration accounts and data stewards): nothing more is delivered; its log stays."
  deactivate${prefix}WebhookSubscription("The subscription's id." id: ID!): ${prefix}WebhookSubscription!
  "Send again, in order per child and under today's decision, every event of the subscription delivered since a time (its agency's integration accounts and data stewards): for a receiver that took them and lost them (a restore from backup). Each goes with its own idempotency key, as before; events that were refused or never delivered are not re-sent by this. Answers how many were queued again. At most ${MAX_REDELIVERY_DAYS} days back."
  redeliver${prefix}WebhookEvents(
    "The subscription's id."
    subscriptionId: ID!
    "From when (ISO 8601 date or date-time): the events delivered that occurred at or after it."
    since: String!
  ): Int!
  "Give an active subscription a new signing secret, shown this once (its agency's integration accounts and data stewards). For overlapHours the deliveries carry a signature under the new and one under the previous secret (two v1 values in wholechild-signature, the new first), so the receiver switches without refusing one; then the new secret's only. A secret that leaked is retired at once with overlapHours 0."
  rotate${prefix}WebhookSecret(
    "The subscription's id."
    id: ID!
    "How long the previous secret still signs, in hours: 0 to 168. Default 24."
    overlapHours: Int
  ): ${prefix}WebhookSubscriptionCreated!
}
`;
}
