import path from 'node:path';
import {
  AGENCIES,
  assertArgs,
  assertFeedNotifier,
  AuditCheckpointer,
  DIRECTORY_KNOWN_ROUTE,
  FEED_CHANGED_ROUTE,
  fieldError,
  assertMay,
  MAX_PEER_RECORDS,
  RECORD_LINKS_ROUTE,
  uuidListArg,
  type AgencyCode,
  createLogger,
  createSubgraphService,
  databaseRolesOf,
  loadSubgraphTypeDefs,
  openSubgraphDatabase,
  representationKeyOf,
  analyticsKeyOf,
  assertNotifierKeys,
  errorCodes,
  schemaOf,
  type Logger,
  type PlatformConfig,
  type SubgraphService,
} from '@wholechild/shared';
import { directoryKnown } from './directory/directoryService';
import { directoryResolvers } from './directory/resolvers';
import { entities } from './entities';
import { INDEX_MIGRATIONS } from './migrations';
import { createLoaders } from './loaders';
import { ContributionReader } from './analytics/contributions';
import { AnalyticsService } from './analytics/service';
import { analyticsResolvers } from './resolvers/analytics';
import { matchConfigFromEnv, ModelStore, type MatchConfig } from './services/matchModel';
import { ReviewService } from './services/reviewService';
import { RelinkService } from './services/relinkService';
import { StewardService } from './services/stewardService';
import { buildResolvers } from './resolvers';
import { withArgumentChecks } from './resolvers/argumentChecks';
import { ChildService } from './services/childService';
import { writeIndexRefusals } from './services/accessTrailService';
import { FeedPuller } from './services/feedPuller';
import { LinkService } from './services/linkService';
import { LinkRepository } from './repositories/linkRepository';

/** The index's own SDL (the shared types are added by subgraphSdl). */
export const INDEX_SCHEMA_FILE = path.join(__dirname, 'schema.graphql');

/** The index's resolvers with the population measures' queries beside them. */
function withAnalytics<T extends Record<string, unknown>>(base: T, more: Record<string, unknown>): T {
  const out: Record<string, unknown> = { ...base };
  for (const [type, fields] of Object.entries(more))
    out[type] = { ...((out[type] as object | undefined) ?? {}), ...(fields as object) };
  return out as T;
}

export interface ChildIndexService extends SubgraphService {
  feeds: FeedPuller;
  links: LinkService;
  reviews: ReviewService;
  relink: RelinkService;
}

export async function createChildIndexService(opts: {
  config: PlatformConfig;
  databaseUrl: string;
  logger?: Logger;
  /** Thresholds, weight overrides, training size (default: MATCH_* environment variables). */
  match?: MatchConfig;
}): Promise<ChildIndexService> {
  // production: every agency dispatcher's public key (its record-links door checks them)
  assertNotifierKeys(opts.config, 'child-index');
  const logger = opts.logger ?? createLogger('child-index', opts.config.logLevel);
  const db = await openSubgraphDatabase({
    url: opts.databaseUrl,
    roles: databaseRolesOf(opts.config, 'child-index'),
    schema: schemaOf('child-index'),
    entities,
    migrations: INDEX_MIGRATIONS,
    poolSize: opts.config.dbPoolSize,
    connectTimeoutMs: opts.config.dbConnectTimeoutMs,
    onPoolError: (err) => logger.warn({ err: err.message }, 'idle database connection broke; discarded'),
  });
  const models = new ModelStore(opts.match ?? matchConfigFromEnv());
  const links = new LinkService(db.dataSource, models);
  const reviews = new ReviewService(db.dataSource, links);
  const feeds = new FeedPuller(db.dataSource, links, opts.config, logger);
  // AU-9(3): the index trail's head, signed outside the database, now and then and at stop
  const checkpoints = new AuditCheckpointer(db.dataSource, 'index_access_event', {
    ...opts.config.auditCheckpoint,
    logger,
  });
  checkpoints.start();
  // population measures: the agencies' pseudonymous facts, joined here on the links
  const analyticsKey = analyticsKeyOf(opts.config);
  const analytics = new AnalyticsService(
    db.dataSource,
    new ContributionReader((a) => feeds.sourceOf(a), opts.config, analyticsKey, logger),
    analyticsKey,
    opts.config.analytics,
  );
  const service = await createSubgraphService({
    name: 'child-index',
    typeDefs: loadSubgraphTypeDefs(INDEX_SCHEMA_FILE, 'child-index'),
    resolvers: withAnalytics(
      withAnalytics(
        withArgumentChecks(
          buildResolvers(
            new ChildService(db.dataSource),
            feeds,
            new StewardService(db.dataSource),
            reviews,
            db.dataSource,
            representationKeyOf(opts.config),
          ),
        ),
        analyticsResolvers(analytics, db.dataSource, opts.config.analytics),
      ),
      // the county's service directory (HSDS), beside the index: platform-owned, no child in it
      directoryResolvers(db.dataSource),
    ),
    db,
    config: opts.config,
    createLoaders: (viewer, requestId) => createLoaders(db.dataSource, viewer, requestId),
    // every refusal is a DENY row in the index's own trail
    auditRefusals: writeIndexRefusals,
    // an agency's writes that withdrew or protected a record (IndexNotifier): its writer's token,
    // no gateway credential (the index's is the gateway's alone)
    peerRoutes: {
      // an agency checks, with its viewer's token, that a referral names a service of the directory
      [DIRECTORY_KNOWN_ROUTE]: (ctx, params) =>
        directoryKnown(db.dataSource, ctx.viewer, (params.get('ids') ?? '').split(',').filter(Boolean)),
      [FEED_CHANGED_ROUTE]: async (ctx, params) => {
        const agency = params.get('agency') as AgencyCode;
        assertArgs(
          (AGENCIES as readonly string[]).includes(agency)
            ? null
            : fieldError('agency', 'INVALID_ENUM', `agency must be one of ${AGENCIES.join(', ')}`),
        );
        assertFeedNotifier(ctx.viewer, agency);
        return { agencyFeedChanged: (await feeds.syncAgency(agency)).ok };
      },
      // an agency's notification dispatcher (a service token): the child of each of its records
      // and that child's links, to decide whether a subscriber may hear of an event
      [RECORD_LINKS_ROUTE]: async (ctx, params) => {
        assertMay(ctx.viewer, 'DISPATCH_NOTIFICATIONS');
        const agency = params.get('agency') as AgencyCode;
        // a dispatcher asks of its own agency's records only
        if (agency !== ctx.viewer.agency)
          throw errorCodes.FORBIDDEN.err('A notification dispatcher asks of its own agency’s records only');
        const records = (params.get('records') ?? '').split(',').filter((r) => r !== '');
        assertArgs(
          (AGENCIES as readonly string[]).includes(agency)
            ? null
            : fieldError('agency', 'INVALID_ENUM', `agency must be one of ${AGENCIES.join(', ')}`),
          records.length > MAX_PEER_RECORDS
            ? fieldError('records', 'OUT_OF_RANGE', `at most ${MAX_PEER_RECORDS} records a call`)
            : null,
          uuidListArg('records', records),
        );
        const found = await new LinkRepository(db.dataSource.manager).linksOfRecords(agency, records);
        // when the index last read each agency's feed to its end: before then, an agency without a
        // link may hold a record of the child the index has not read yet
        const caught: Array<{ agency: string; caught_up_at: Date | null }> = await db.dataSource.query(
          'SELECT agency, caught_up_at FROM feed_cursor',
        );
        return {
          byRecord: Object.fromEntries(records.map((r) => [r, found.get(r) ?? null])),
          feedsCaughtUpAt: Object.fromEntries(
            AGENCIES.map((a) => [a, caught.find((c) => c.agency === a)?.caught_up_at?.toISOString() ?? null]),
          ),
        };
      },
    },
    logger,
    onStop: async () => {
      await feeds.stop();
      await checkpoints.stop();
    },
  });
  return { ...service, feeds, links, reviews, relink: new RelinkService(db.dataSource, links) };
}
