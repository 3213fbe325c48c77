import { cacheExchange, Client, fetchExchange } from 'urql';

/** The GraphQL client: the gateway's endpoint on the same origin, the viewer's token on every
 *  request. Apollo Server's CSRF prevention accepts it (JSON content type). */
export function createClient(token: string): Client {
  return new Client({
    url: '/graphql',
    exchanges: [cacheExchange, fetchExchange],
    fetchOptions: () => ({ headers: { authorization: `Bearer ${token}` } }),
    // a child's view changes with consents and links: never serve it from a stale cache
    requestPolicy: 'cache-and-network',
  });
}
