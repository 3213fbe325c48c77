import path from 'node:path';
import {
  AGENCIES,
  assertArgs,
  assertFeedNotifier,
  AuditCheckpointer,
  FEED_CHANGED_ROUTE,
  fieldError,
  type AgencyCode,
  createLogger,
  createSubgraphService,
  databaseRolesOf,
  loadSubgraphTypeDefs,
  openSubgraphDatabase,
  representationKeyOf,
  schemaOf,
  type Logger,
  type PlatformConfig,
  type SubgraphService,
} from '@wholechild/shared';
import { entities } from './entities';
import { createLoaders } from './loaders';
import { Initial1732500000000 } from './migrations/1732500000000-Initial';
import { ExistenceProtected1732600000000 } from './migrations/1732600000000-ExistenceProtected';
import { LinkHistory1732700000000 } from './migrations/1732700000000-LinkHistory';
import { ProbabilisticLinking1732800000000 } from './migrations/1732800000000-ProbabilisticLinking';
import { LinkGeneration1732900000000 } from './migrations/1732900000000-LinkGeneration';
import { IndexAuditTrail1733000000000 } from './migrations/1733000000000-IndexAuditTrail';
import { RecordNaturalKey1733100000000 } from './migrations/1733100000000-RecordNaturalKey';
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
  const logger = opts.logger ?? createLogger('child-index', opts.config.logLevel);
  const db = await openSubgraphDatabase({
    url: opts.databaseUrl,
    roles: databaseRolesOf(opts.config, 'child-index'),
    schema: schemaOf('child-index'),
    entities,
    migrations: [
      Initial1732500000000,
      ExistenceProtected1732600000000,
      LinkHistory1732700000000,
      ProbabilisticLinking1732800000000,
      LinkGeneration1732900000000,
      IndexAuditTrail1733000000000,
      RecordNaturalKey1733100000000,
    ],
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
  const service = await createSubgraphService({
    name: 'child-index',
    typeDefs: loadSubgraphTypeDefs(path.join(__dirname, 'schema.graphql'), 'child-index'),
    resolvers: withArgumentChecks(
      buildResolvers(
        new ChildService(db.dataSource),
        feeds,
        new StewardService(db.dataSource),
        reviews,
        db.dataSource,
        representationKeyOf(opts.config),
      ),
    ),
    db,
    config: opts.config,
    createLoaders: (viewer, requestId) => createLoaders(db.dataSource, viewer, requestId),
    // every refusal is a DENY row in the index's own trail
    auditRefusals: writeIndexRefusals,
    // an agency's writes that withdrew or protected a record (IndexNotifier): its writer's token,
    // no gateway credential (the index's is the gateway's alone)
    peerRoutes: {
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
    },
    logger,
    onStop: async () => {
      await feeds.stop();
      await checkpoints.stop();
    },
  });
  return { ...service, feeds, links, reviews, relink: new RelinkService(db.dataSource, links) };
}
