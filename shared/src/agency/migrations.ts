import { getMetadataArgsStorage } from 'typeorm';
import { AuditAppend1732800000000 } from '../access/audit';
import { accessTablesMigration, ConsentTeams1765100000000 } from '../access/consentTables';
import { PrivacyNotice1733200000000 } from '../access/privacyNotice';
import { feedOrderMigration, touchOnUpdateMigration } from '../db/personRecord';
import type { AgencySubgraphSpec } from './spec';
import { notificationTablesMigration, WebhookSecretRotation1765700000000 } from './notifications/tables';
import { referralTablesMigration } from './referralTables';
import { teamPlanMigration, teamTablesMigration } from './teamTables';

/** The table an entity class is stored in (from its @Entity name). */
function personTableOf(entity: Function): string {
  const t = getMetadataArgsStorage().tables.find((x) => x.target === entity);
  if (!t?.name) throw new Error(`entity ${entity.name} has no @Entity({ name })`);
  return t.name;
}

/** Every migration of an agency's database: its own, then the shared ones (TypeORM runs them in
 *  the order of their timestamps). Every agency keeps its consents and its audit trail in the same
 *  tables (AccessTables1732600000000), appends to the trail through one database function; its
 *  person feed stays gap-free under concurrent writers (feedOrderMigration); its records are
 *  stamped on insert by column defaults (touchOnUpdateMigration); every break-glass access writes
 *  a privacy notice with its audit row (PrivacyNotice1733200000000). */
export function agencyMigrations(
  spec: Pick<AgencySubgraphSpec, 'migrations' | 'person' | 'teams' | 'teamMeetingRecords' | 'events'>,
): Function[] {
  const personTable = personTableOf(spec.person.entity);
  return [
    ...(spec.migrations as Function[]),
    accessTablesMigration(personTable),
    AuditAppend1732800000000,
    PrivacyNotice1733200000000,
    feedOrderMigration(personTable),
    touchOnUpdateMigration(personTable),
    ConsentTeams1765100000000,
    // a convener's Child and Family Teams (the team module)
    ...(spec.teams
      ? [teamTablesMigration(personTable), teamPlanMigration(spec.teamMeetingRecords ?? null)]
      : []),
    // webhook notifications: the outbox, the subscriptions and the delivery log, and the triggers
    // of the agency's declared record events (notifications/tables.ts)
    notificationTablesMigration(spec.events ?? []),
    WebhookSecretRotation1765700000000,
    // every agency's closed-loop referrals, sent and received (the referral module)
    referralTablesMigration(personTable),
  ];
}
