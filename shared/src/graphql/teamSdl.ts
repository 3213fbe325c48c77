/** The SDL a convening agency (TEAM_CONVENERS) adds for its Child and Family Teams: generated
 *  from its names, so child welfare's and probation's cannot drift apart. The enums and inputs are
 *  the same text in both (composition merges them). */
export function teamSdl(prefix: string, key: string): string {
  const links = 'recordLinksSeal recordLinks { agency recordId status }';
  return `
extend type Child @key(fields: "id") {
  "${prefix}'s Child and Family Teams of this child: to ${prefix} staff, and to the teams' current professional members."
  ${key}Teams: [${prefix}Team!]! @requires(fields: "${links}")
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
}
`;
}
