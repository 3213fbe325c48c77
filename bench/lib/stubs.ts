import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  AGENCIES,
  AGENCY_KEYS,
  AGENCY_SUBGRAPH,
  LENT_FACTS,
  type AgencyCode,
  type SubgraphName,
} from '@wholechild/shared';
import { parse } from 'graphql';
import { servedSdl } from '../../scripts/services';
import type { RunningGateway } from './gateways';

/** What a stub subgraph answers: the child (for the index), or this subgraph's fields of Child. */
export type StubAnswer = Record<string, unknown>;

/** The canned answers for every subgraph, cut from one real view of a child (`child` as the
 *  gateway returned it): the index answers the demographics and links, each agency its section,
 *  and every lender its fact as `lent` says. */
export function stubAnswers(
  child: Record<string, unknown>,
  lent: Partial<Record<AgencyCode, boolean | null>>,
): Record<SubgraphName, StubAnswer> {
  const sectionKeys = new Set(Object.values(AGENCY_KEYS));
  const links = (child.links ?? []) as Array<{ agency: string; recordId: string; status: string }>;
  const index = Object.fromEntries(Object.entries(child).filter(([k]) => !sectionKeys.has(k)));
  index.recordLinks = links.map(({ agency, recordId, status }) => ({ agency, recordId, status }));
  // stubs check nothing: any string stands for the index's seal (and for a lender's)
  index.recordLinksSeal = 'stub-seal';
  const out = { 'child-index': index } as Record<SubgraphName, StubAnswer>;
  for (const agency of AGENCIES) {
    const answer: StubAnswer = { [AGENCY_KEYS[agency]]: child[AGENCY_KEYS[agency]] ?? null };
    const fact = LENT_FACTS[agency];
    if (fact) {
      answer[fact.field] = lent[agency] ?? null;
      answer[`${fact.field}Seal`] = 'stub-seal';
    }
    out[AGENCY_SUBGRAPH[agency]] = answer;
  }
  return out;
}

/** A subgraph that does no work: the same schema (buildSubgraphSchema over the same SDL) on a
 *  plain, out-of-the-box Apollo Server, answering canned data — no token check, no database, no
 *  policy, no audit. A gateway over these measures what the federation stack alone costs on this
 *  machine for the same query plan: the ceiling for anything the subgraphs do. */
export async function startStubSubgraph(name: SubgraphName, answer: StubAnswer): Promise<RunningGateway> {
  const resolvers =
    name === 'child-index'
      ? {
          Query: { child: (_: unknown, args: { id: string }) => ({ ...answer, id: args.id }) },
          Child: { __resolveReference: (ref: Record<string, unknown>) => ({ ...answer, ...ref }) },
        }
      : { Child: { __resolveReference: (ref: Record<string, unknown>) => ({ ...ref, ...answer }) } };
  const server = new ApolloServer({
    schema: buildSubgraphSchema([{ typeDefs: parse(servedSdl(name)), resolvers: resolvers as never }]),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url: url.replace('localhost', '127.0.0.1'), stop: () => server.stop() };
}
