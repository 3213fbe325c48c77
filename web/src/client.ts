import { cacheExchange, Client, fetchExchange } from 'urql';

/** The GraphQL client: the gateway's endpoint on the same origin, the viewer's token on every
 *  request. */
export function createClient(token: string): Client {
  return new Client({
    url: '/graphql',
    // POST with a JSON body: Apollo Server's CSRF prevention refuses a simple GET, and a query's
    // variables (names, birth dates) do not belong in a URL (access logs, history)
    preferGetMethod: false,
    exchanges: [cacheExchange, fetchExchange],
    fetchOptions: () => ({ headers: { authorization: `Bearer ${token}` } }),
    // a child's view changes with consents and links: never serve it from a stale cache
    requestPolicy: 'cache-and-network',
  });
}
