import { AGENCIES, AGENCY_SUBGRAPH, runSubgraph } from '@wholechild/shared';
import { createChildIndexService, type ChildIndexService } from './server';

runSubgraph('child-index', createChildIndexService, (service, config) => {
  const feeds = (service as ChildIndexService).feeds;
  feeds.setSources(
    Object.fromEntries(
      AGENCIES.map((a) => [
        a,
        config.subgraphUrls[AGENCY_SUBGRAPH[a]] ??
          `http://127.0.0.1:${config.ports[AGENCY_SUBGRAPH[a]]}/graphql`,
      ]),
    ),
  );
  feeds.startInterval(config.feedPullIntervalMs);
});
