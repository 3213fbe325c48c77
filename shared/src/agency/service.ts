import { parse } from 'graphql';
import { AGENCY_SUBGRAPH, schemaOf, TEAM_CONVENERS, convenerUrlsOf, type AgencyCode } from '../agencies';
import { createAuditWriter } from '../access/audit';
import { AuditCheckpointer } from '../access/auditCheckpoint';
import { validatePolicy } from '../access/policy';
import { assertNotifierKeys, databaseRolesOf, representationKeyOf } from '../config';
import { openSubgraphDatabase } from '../db/dataSource';
import { IndexNotifier } from '../graphql/indexNotifier';
import { createSubgraphService } from '../graphql/subgraphService';
import { createLogger } from '../logger';
import { AGGREGATE_CONTRIBUTION_ROUTE, aggregateContributionRoute } from './aggregates';
import { buildLoaders } from './loaders';
import { WebhookDispatcher } from './notifications/dispatcher';
import { LENT_FACTS_ROUTE, lentFactsRoute, NotificationPeers } from './notifications/peers';
import { agencyMigrations } from './migrations';
import { PeerCaller } from './peerCall';
import { protectionOf } from './protection';
import { ReferralClient, referralRoutes } from './referralRoutes';
import { ReferralService } from './referrals';
import { buildResolvers } from './resolvers';
import { agencySdl } from './sdl';
import { sectionListsOf } from './sections';
import { TEAM_MEMBERSHIPS_ROUTE, TeamMembershipClient, teamMembershipsRoute } from './teamMemberships';
import {
  agencyNames,
  ownAgencyOnly,
  type AgencyLoaders,
  type AgencySubgraphService,
  type AgencySubgraphSpec,
  type CreateAgencyOptions,
} from './spec';

/** Opens the agency's database (migrating it) and builds its subgraph service. */
export async function createAgencySubgraph(
  spec: AgencySubgraphSpec,
  opts: CreateAgencyOptions,
): Promise<AgencySubgraphService> {
  // A directory record (a school, a provider) is readable by anyone signed in: it must never
  // lead to a child's records, which only a section (behind the access check) may list.
  for (const kind of spec.kinds) {
    if (kind.personProperty === null && Object.keys(kind.children ?? {}).length) {
      throw new Error(`${kind.typename} is a directory kind and may not list child records`);
    }
  }
  if (Boolean(spec.teams) !== Boolean(TEAM_CONVENERS[spec.agency]))
    throw new Error(
      `${spec.agency}: teams are convened by ${Object.keys(TEAM_CONVENERS).join(' and ')} only`,
    );
  const name = agencyNames(spec.agency).subgraph;
  const policy = spec.policy ?? ownAgencyOnly(spec.agency);
  validatePolicy(policy);
  // production: its webhook worker's key, and every dispatcher's public key (a lender checks them)
  assertNotifierKeys(opts.config, name);
  const logger = opts.logger ?? createLogger(name, opts.config.logLevel);
  const db = await openSubgraphDatabase({
    url: opts.databaseUrl,
    roles: databaseRolesOf(opts.config, name),
    schema: schemaOf(name),
    entities: spec.entities,
    migrations: agencyMigrations(spec),
    poolSize: opts.config.dbPoolSize,
    connectTimeoutMs: opts.config.dbConnectTimeoutMs,
    onPoolError: (err) => logger.warn({ err: err.message }, 'idle database connection broke; discarded'),
  });
  const sections = sectionListsOf(spec, db.dataSource);
  const protection = protectionOf(spec);
  const notifier = new IndexNotifier(db.dataSource, {
    agency: spec.agency,
    personTable: db.dataSource.getMetadata(spec.person.entity).tablePath,
    feedFilterSql: protection.feedFilterSql,
    existenceProtectedSql: protection.existenceProtectedSql,
    // the gateway waits subgraphTimeoutMs for the whole mutation: the index gets half of it, so the
    // write still answers (committed) when the index is slow
    timeoutMs: Math.max(100, Math.floor(opts.config.subgraphTimeoutMs / 2)),
    indexUrl: opts.indexUrl ?? opts.config.subgraphUrls['child-index'],
  });
  // a holder asks each other convener, with the viewer's token, whether the viewer is a member of
  // one of its teams of this child: half the subgraph timeout, at most a second (a convener down
  // is "not a member", the section still answers)
  const memberships = new TeamMembershipClient(
    spec.agency,
    Math.max(100, Math.min(1000, Math.floor(opts.config.subgraphTimeoutMs / 2))),
    opts.convenerUrls ?? convenerUrlsOf(opts.config.subgraphUrls),
  );
  // referrals: handed over to the receiver, and asked how they stand, with the viewer's own token
  // (the same bound as a membership ask)
  const peers = new PeerCaller(Math.max(100, Math.min(1000, Math.floor(opts.config.subgraphTimeoutMs / 2))));
  const personTable = db.dataSource.getMetadata(spec.person.entity).tablePath;
  const referralService = new ReferralService(
    db.dataSource,
    spec.agency,
    personTable,
    protection.leavesSql,
    protection.existenceProtectedSql,
    protection.protectedCategory,
  );
  const referralClient = new ReferralClient(spec.agency, peers, logger, representationKeyOf(opts.config));
  peers.setUrls({ CHILD_INDEX: opts.indexUrl ?? opts.config.subgraphUrls['child-index'] });
  // AU-9(3): the trail's head, signed outside the database, now and then and at stop
  const checkpoints = new AuditCheckpointer(db.dataSource, 'audit_event', {
    ...opts.config.auditCheckpoint,
    logger,
  });
  // webhook notifications: the delivery worker asks the index and the lenders with a service
  // token, at most the subgraph timeout each
  const notificationPeers = new NotificationPeers(spec.agency, opts.config, opts.config.subgraphTimeoutMs);
  if (opts.indexUrl) notificationPeers.setUrls({ 'child-index': opts.indexUrl });
  const dispatcher = new WebhookDispatcher(
    db.dataSource,
    spec,
    policy,
    protection,
    notificationPeers,
    opts.config.webhooks,
    logger,
  );
  const service = await createSubgraphService<AgencyLoaders>({
    onStop: async () => {
      await dispatcher.stop();
      await checkpoints.stop();
    },
    name,
    typeDefs: parse(agencySdl(spec)),
    resolvers: buildResolvers(spec, policy, db, sections, opts.config, notifier, memberships, {
      service: referralService,
      client: referralClient,
    }),
    // HIPAA 164.312(b): a refused operation is an audit event too (denyAuditPlugin).
    auditRefusals: true,
    // the child index reads the agency's pseudonymous facts for population measures here
    peerRoutes: {
      [AGGREGATE_CONTRIBUTION_ROUTE]: aggregateContributionRoute(spec, policy, db.dataSource, protection),
      // a convener answers, to the viewer's own token, of which of its teams the viewer is a member
      ...(spec.teams ? { [TEAM_MEMBERSHIPS_ROUTE]: teamMembershipsRoute(spec.agency) } : {}),
      // a lender answers the notification dispatchers (a service token) of its fact
      ...(spec.providesFact ? { [LENT_FACTS_ROUTE]: lentFactsRoute() } : {}),
      // a receiver takes referrals handed over, and tells a referrer how they stand as its policy allows
      ...referralRoutes(referralService, policy, representationKeyOf(opts.config)),
    },
    db,
    config: opts.config,
    createLoaders: (viewer, requestId) =>
      buildLoaders(
        spec,
        db,
        sections,
        createAuditWriter(db.dataSource, viewer, requestId, opts.config.maxAuditRowsPerRequest),
        viewer,
      ),
    logger,
  });
  checkpoints.start();
  return {
    ...service,
    // the delivery worker runs while the service serves (a service built and not started, as some
    // tests build one, sends nothing)
    start: async (port, host) => {
      const listening = await service.start(port, host);
      dispatcher.start();
      return listening;
    },
    dispatcher,
    setIndexUrl: (url) => {
      notifier.setIndexUrl(url);
      peers.setUrls({ CHILD_INDEX: url });
      notificationPeers.setUrls({ 'child-index': url });
    },
    setSubgraphUrls: (urls, local) => {
      notificationPeers.setUrls(urls);
      memberships.setConvenerUrls(convenerUrlsOf(urls));
      if (local) memberships.setLocalConveners(convenerUrlsOf(local));
      const byAgency = <T>(m: Partial<Record<string, T | undefined>>) =>
        Object.fromEntries(
          (Object.entries(AGENCY_SUBGRAPH) as Array<[AgencyCode, string]>).map(([a, n]) => [a, m[n]]),
        ) as Partial<Record<AgencyCode, T>>;
      // the agencies (referrals) and the child index (its service directory)
      peers.setUrls({ ...byAgency(urls), CHILD_INDEX: urls['child-index'] });
      if (local) peers.setLocal({ ...byAgency(local), CHILD_INDEX: local['child-index'] });
    },
  };
}
