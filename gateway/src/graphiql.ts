import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';

/** A file inside an installed package, found without relying on the package's `exports`. */
function packageFile(pkg: string, file: string): string {
  let dir = path.dirname(require.resolve(pkg));
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return path.join(dir, file);
}

/** GraphiQL served from local packages (graphiql + react UMD builds), never from a CDN. */
const ASSETS: Record<string, { file: string; type: string }> = {
  'react.js': { file: packageFile('react', 'umd/react.production.min.js'), type: 'application/javascript' },
  'react-dom.js': {
    file: packageFile('react-dom', 'umd/react-dom.production.min.js'),
    type: 'application/javascript',
  },
  'graphiql.js': { file: packageFile('graphiql', 'graphiql.min.js'), type: 'application/javascript' },
  'graphiql.css': { file: packageFile('graphiql', 'graphiql.min.css'), type: 'text/css' },
};
const cache = new Map<string, Buffer>();

/** The query GraphiQL opens with: one child across every agency, each section decided by its holder. */
const DEFAULT_QUERY = `# One child across the five agencies. Each section is decided by the agency that holds it:
# the data, a Restricted value saying what would grant access, or null.
{
  searchChildren(familyName: "garcia", first: 3) {
    nodes {
      id givenName familyName birthDate
      links { agency status }
      childWelfare { __typename ... on ChildWelfareSection { cases { serviceComponent openedDate } placements { placementType startDate endDate } restricted { category } } ... on Restricted { reason howToGetAccess } }
      education { __typename ... on EducationSection { enrollments { gradeLevel school { name } } } ... on Restricted { reason howToGetAccess } }
      behavioralHealth { __typename ... on Restricted { reason howToGetAccess } }
      probation { __typename ... on Restricted { reason } }
      housing { __typename ... on Restricted { reason } }
    }
  }
}
`;

/** The second tab: a batch upsert the way agency IT should send one, with its rows in variables.
 *  Rows written into the query text count against MAX_TOKENS (2,000 lexical tokens, 60 to 100
 *  rows); variables do not, so a batch of 1,000 rows is one request. */
export const BATCH_UPSERT_TAB = {
  query: `# A batch upsert: the rows go in the variables (below), never in the query text. The query is
# limited to 2,000 tokens, which rows written inline reach at 60 to 100 rows; variables are not counted,
# so one call takes up to 1,000 rows. Writing needs an integration token of the holding agency:
#   npm run token -- --agency child-welfare --role INTEGRATION
# Blank optional fields ("") are read as absent; dates are YYYY-MM-DD.
mutation UpsertPersons($records: [ChildWelfarePersonInput!]!) {
  upsertChildWelfarePersons(records: $records) {
    accepted
    rejected
    rows { index id created errors { field code reason } }
  }
}
`,
  variables: JSON.stringify(
    {
      records: [
        {
          sourceSystem: 'CWS-CMS',
          externalId: 'CW-DEMO-1',
          givenName: 'Maya',
          familyName: 'Okafor',
          birthDate: '2014-06-02',
          sex: 'F',
        },
        {
          sourceSystem: 'CWS-CMS',
          externalId: 'CW-DEMO-2',
          givenName: 'Leo',
          familyName: 'Okafor',
          birthDate: '',
          sex: 'm',
        },
      ],
    },
    null,
    2,
  ),
};

/** The tabs GraphiQL opens with (when the browser has none saved): one read, one batch write. */
export const DEFAULT_TABS = [{ query: DEFAULT_QUERY }, BATCH_UPSERT_TAB];

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>WholeChild GraphiQL</title>
<link rel="stylesheet" href="/graphiql/assets/graphiql.css">
<style>body{margin:0;height:100vh}#graphiql{height:100vh}</style></head>
<body><div id="graphiql">Loading…</div>
<script src="/graphiql/assets/react.js"></script>
<script src="/graphiql/assets/react-dom.js"></script>
<script src="/graphiql/assets/graphiql.js"></script>
<script>
  const DEFAULT_QUERY = ${JSON.stringify(DEFAULT_QUERY)};
  const DEFAULT_TABS = ${JSON.stringify(DEFAULT_TABS)};
  // A development token may come in the fragment (#token=…), which never reaches the server.
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) { sessionStorage.setItem('wholechild-token', fromHash); history.replaceState(null, '', location.pathname); }
  const token = sessionStorage.getItem('wholechild-token') || '';
  const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher,
      defaultHeaders: JSON.stringify({ Authorization: 'Bearer ' + (token || 'paste a development token printed by npm start') }, null, 2),
      shouldPersistHeaders: !fromHash,
      defaultQuery: DEFAULT_QUERY,
      defaultTabs: DEFAULT_TABS,
    }),
  );
</script></body></html>`;

export function graphiqlRoutes(): Record<
  string,
  (req: http.IncomingMessage, res: http.ServerResponse) => void
> {
  const routes: Record<string, (req: http.IncomingMessage, res: http.ServerResponse) => void> = {
    '/graphiql': (_req, res) => {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy':
          "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:",
      });
      res.end(PAGE);
    },
  };
  for (const [name, asset] of Object.entries(ASSETS)) {
    routes[`/graphiql/assets/${name}`] = (_req, res) => {
      let body = cache.get(name);
      if (!body) cache.set(name, (body = fs.readFileSync(asset.file)));
      res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'public, max-age=86400' });
      res.end(body);
    };
  }
  return routes;
}
