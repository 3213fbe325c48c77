/** The SDL a convening agency (TEAM_CONVENERS) adds for its Child and Family Teams: generated
 *  from its names, so child welfare's and probation's cannot drift apart. The enums and inputs are
 *  the same text in both (composition merges them). */
export function teamSdl(prefix: string, key: string): string {
  const links = 'recordLinksSeal recordLinks { agency recordId status }';
  return `
extend type Child @key(fields: "id") {
  "${prefix}'s Child and Family Teams of this child: to ${prefix} staff, and to the teams' current professional members. Null, with a SUBGRAPH_UNAVAILABLE error, when ${prefix} could not be reached."
  ${key}Teams: [${prefix}Team!] @requires(fields: "${links}")
}

"The four phases of a Child and Family Team's work (California Integrated Core Practice Model)."
enum TeamPhase {
  "Engagement: the team forms and the family is heard."
  ENGAGEMENT
  "Assessment and service planning."
  SERVICE_PLANNING
  "Monitoring and adapting the plan."
  MONITORING_ADAPTING
  "Transition out of formal services."
  TRANSITION
}

"Who a team member is."
enum TeamMemberKind {
  "A professional of an agency: a platform user (agency, sign-in subject, role)."
  PROFESSIONAL
  "The youth."
  YOUTH
  "A parent, guardian or other family member."
  FAMILY
  "A natural support (a coach, a neighbour, a faith leader)."
  NATURAL_SUPPORT
}

"A Child and Family Team to form about a child the convening agency knows."
input TeamInput {
  "Source system of the convener's person record of the child."
  sourceSystem: String!
  "External id of that person record."
  personExternalId: String!
  "The phase the team starts in. Default ENGAGEMENT."
  phase: TeamPhase
}

"A member to add to a team."
input TeamMemberInput {
  "Who the member is; only a PROFESSIONAL has an agency, a subject and a role."
  kind: TeamMemberKind!
  "A professional's agency."
  agency: Agency
  "A professional's sign-in subject (the token's sub): membership is checked against it on every request."
  subject: String
  "A professional's role (e.g. CLINICIAN); the member's token must carry it."
  role: String
  "The member's name as the team knows it; at most 200 characters."
  displayName: String!
}

"What a plan item is (ICPM): a need or a strength from the CANS-style assessment, a goal, an action that serves a goal, or an item of the safety plan."
enum TeamPlanItemKind {
  "A need, rated on the CANS (its domain named)."
  NEED
  "A strength, rated on the CANS (its domain named)."
  STRENGTH
  "A goal the team works towards."
  GOAL
  "An action: owned by an agency (and one of its members), due on a date."
  ACTION
  "An item of the safety plan: always shared with the whole team."
  SAFETY
}

"Where a plan item stands."
enum TeamPlanItemStatus {
  "Not yet begun."
  OPEN
  "Being worked on."
  IN_PROGRESS
  "Met (a need addressed, a goal reached, an action done)."
  MET
  "No longer pursued."
  DROPPED
}

"Who on the team sees a plan item."
enum TeamPlanSharing {
  "Every current member of the team."
  TEAM
  "The convener's staff and the owning agency's members only."
  AGENCY
}

"The CANS domains (as behavioral health's assessments name them)."
enum CansDomain {
  "Life functioning."
  LIFE_FUNCTIONING
  "Behavioral and emotional needs."
  BEHAVIORAL_EMOTIONAL_NEEDS
  "Risk behaviors."
  RISK_BEHAVIORS
  "The youth's strengths."
  STRENGTHS
  "Caregiver resources and needs."
  CAREGIVER_RESOURCES
  "Acculturation."
  ACCULTURATION
  "Potentially traumatic or adverse childhood experiences."
  TRAUMA
}

"An item to add to a team's plan."
input TeamPlanItemInput {
  "What the item is."
  kind: TeamPlanItemKind!
  "The CANS domain: required for a need or a strength."
  domain: CansDomain
  "The item in the team's own words; at most 2000 characters."
  description: String!
  "An action's goal (an item of kind GOAL of the same team)."
  goalId: ID
  "The agency that owns an action (required for an action, only for one)."
  owningAgency: Agency
  "The member of the owning agency who carries the action (a current member of the team)."
  ownerMemberId: ID
  "An action's due date (YYYY-MM-DD; required for an action)."
  dueOn: String
  "Who sees it. Default TEAM; a safety item is always TEAM."
  sharing: TeamPlanSharing
}

"A change to a plan item: what is given changes, a new version is kept. Another agency's member changes only the status (and a note) of the actions their agency owns."
input TeamPlanItemChange {
  "The new status."
  status: TeamPlanItemStatus
  "The item in new words."
  description: String
  "A new due date (YYYY-MM-DD)."
  dueOn: String
  "A new owner (a current member of the owning agency)."
  ownerMemberId: ID
  "Why, in a few words (kept with the version); at most 2000 characters."
  note: String
}

"One plan item reviewed at a meeting."
input TeamPlanReviewInput {
  "The item."
  itemId: ID!
  "Its status after the review."
  status: TeamPlanItemStatus
  "The item in new words."
  description: String
  "A new due date (YYYY-MM-DD)."
  dueOn: String
  "A new owner (a current member of the owning agency)."
  ownerMemberId: ID
  "What the team said of it."
  note: String
}

"A team meeting to record."
input TeamMeetingInput {
  "When it was held (YYYY-MM-DD, not in the future)."
  heldOn: String!
  "The members who attended (membership ids of this team)."
  attendeeIds: [ID!]!
  "What the youth and family said, in their words; at most 4000 characters."
  familyVoice: String
  "The decisions made; at most 50, each at most 2000 characters."
  decisions: [String!]
  "The convener's own record of the meeting (child welfare: a CFT meeting record of this child)."
  meetingRecordId: ID
  "The plan reviewed item by item: each review kept as a version marked with the meeting."
  reviews: [TeamPlanReviewInput!]
}

"A Child and Family Team convened by ${prefix}: the youth, the family, their supports and the professionals of every agency involved."
type ${prefix}Team {
  "The team's id: a team-sharing consent names it (ConsentInput.recipientTeams)."
  id: ID!
  "The convening agency."
  convener: Agency!
  "The convener's person record of the child."
  recordId: ID!
  "The current phase."
  phase: TeamPhase!
  "The lead professional, if one is named."
  lead: ${prefix}TeamMember
  "The members: current ones, and former ones too when asked."
  members("Include members who have left." includeFormer: Boolean = false): [${prefix}TeamMember!]!
  "Who formed the team (token subject)."
  formedBy: String!
  "When it was formed (ISO 8601)."
  createdAt: String!
  "When it was closed (ISO 8601); null while open."
  closedAt: String
  "Who closed it (token subject)."
  closedBy: String
  "Why it was closed."
  closingReason: String
  "The shared plan: every item to the convener's staff; to another agency's member the items shared with the team and those their agency owns (each such read audited)."
  plan("Include items met or dropped." includeClosed: Boolean = false): [${prefix}TeamPlanItem!]!
  "The team's meetings, oldest first."
  meetings: [${prefix}TeamMeeting!]!
}

"An item of a ${prefix} team's plan."
type ${prefix}TeamPlanItem {
  "The item's id."
  id: ID!
  "What it is."
  kind: TeamPlanItemKind!
  "The CANS domain of a need or a strength."
  domain: CansDomain
  "The item in the team's words."
  description: String!
  "An action's goal."
  goalId: ID
  "The agency that owns an action."
  owningAgency: Agency
  "The member who carries an action."
  owner: ${prefix}TeamMember
  "An action's due date (YYYY-MM-DD)."
  dueOn: String
  "Where it stands."
  status: TeamPlanItemStatus!
  "Who sees it."
  sharing: TeamPlanSharing!
  "Its version (1 when added; one more at each change)."
  version: Int!
  "Every version, oldest first: who changed what, when, and at which meeting."
  history: [${prefix}TeamPlanItemVersion!]!
  "Who added it (token subject)."
  createdBy: String!
  "When it was added (ISO 8601)."
  createdAt: String!
  "When it last changed (ISO 8601)."
  updatedAt: String!
}

"One version of a plan item."
type ${prefix}TeamPlanItemVersion {
  "The item."
  itemId: ID!
  "The version number."
  version: Int!
  "The status then."
  status: TeamPlanItemStatus!
  "The item's words then."
  description: String!
  "The due date then (YYYY-MM-DD)."
  dueOn: String
  "The owner then (membership id)."
  ownerMemberId: ID
  "Why it changed, as said then."
  note: String
  "The meeting it was reviewed at, if any."
  meetingId: ID
  "Who changed it (token subject)."
  changedBy: String!
  "When (ISO 8601)."
  changedAt: String!
}

"A meeting of a ${prefix} team."
type ${prefix}TeamMeeting {
  "The meeting's id."
  id: ID!
  "When it was held (YYYY-MM-DD)."
  heldOn: String!
  "The team's phase at the meeting."
  phase: TeamPhase!
  "The members who attended."
  attendees: [${prefix}TeamMember!]!
  "What the youth and family said."
  familyVoice: String
  "The decisions made."
  decisions: [String!]!
  "The convener's own record of the meeting (child welfare: the CFT meeting record)."
  meetingRecordId: ID
  "The plan items reviewed at it (those this viewer may see), as they stood after the review."
  reviews: [${prefix}TeamPlanItemVersion!]!
  "Who recorded it (token subject)."
  recordedBy: String!
}

"A member of a ${prefix} team."
type ${prefix}TeamMember {
  "The membership's id."
  id: ID!
  "The team's id."
  teamId: ID!
  "Who the member is."
  kind: TeamMemberKind!
  "A professional's agency; null for the youth, family and natural supports."
  agency: Agency
  "A professional's sign-in subject."
  subject: String
  "A professional's role."
  role: String
  "The member's name as the team knows it."
  displayName: String!
  "When the member joined (ISO 8601)."
  joinedAt: String!
  "When the member left (ISO 8601): access by membership ends with the next request."
  leftAt: String
}

extend type Query {
  "${prefix} teams of one person record: to ${prefix} staff, and to the teams' current professional members."
  ${key}Teams("Source system of the person record." sourceSystem: String!, "External id of the person record." personExternalId: String!): [${prefix}Team!]!
}

extend type Mutation {
  "Form a Child and Family Team about a child ${prefix} knows (its caseworkers, probation officers and supervisors)."
  form${prefix}Team("The team." team: TeamInput!): ${prefix}Team!
  "Add a member to a ${prefix} team."
  add${prefix}TeamMember("The team's id." teamId: ID!, "The member." member: TeamMemberInput!): ${prefix}TeamMember!
  "Remove a member from a ${prefix} team (kept as a former member): their access by membership ends with the next request."
  remove${prefix}TeamMember("The membership's id." memberId: ID!): ${prefix}TeamMember!
  "Name a current professional member the team's lead professional."
  set${prefix}TeamLead("The team's id." teamId: ID!, "The membership's id." memberId: ID!): ${prefix}Team!
  "Move a ${prefix} team to another phase."
  set${prefix}TeamPhase("The team's id." teamId: ID!, "The new phase." phase: TeamPhase!): ${prefix}Team!
  "Add an item to a ${prefix} team's plan."
  add${prefix}TeamPlanItem("The team's id." teamId: ID!, "The item." item: TeamPlanItemInput!): ${prefix}TeamPlanItem!
  "Change a plan item (a new version is kept): ${prefix} staff any item; another agency's member the status of the actions their agency owns."
  update${prefix}TeamPlanItem("The item's id." itemId: ID!, "The change." change: TeamPlanItemChange!): ${prefix}TeamPlanItem!
  "Record a team meeting: attendance, the family's words, decisions and the plan reviewed, all or nothing."
  record${prefix}TeamMeeting("The team's id." teamId: ID!, "The meeting." meeting: TeamMeetingInput!): ${prefix}TeamMeeting!
  "Close a ${prefix} team: nothing changes after, and access by its membership ends with the next request."
  close${prefix}Team("The team's id." teamId: ID!, "Why (at most 2000 characters)." reason: String!): ${prefix}Team!
}
`;
}
