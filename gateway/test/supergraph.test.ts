import { loadConfig } from '@wholechild/shared';
import { servedSdl } from '../../scripts/services';
import { composeSupergraph, lastHints, readSupergraph, subgraphUrls } from '../src/supergraph';

describe('supergraph', () => {
  it('the committed supergraph is what the subgraphs compose to now (run `npm run compose` after a schema change)', () => {
    const composed = composeSupergraph(
      subgraphUrls(loadConfig({ WHOLECHILD_MODE: 'development' })),
      servedSdl,
    );
    expect(readSupergraph()).toBe(composed);
    expect(lastHints).toEqual([]);
  });

  it('every subgraph contributes its section of Child', () => {
    const sdl = readSupergraph();
    for (const field of ['childWelfare', 'behavioralHealth', 'probation', 'education', 'housing', 'links']) {
      expect(sdl).toMatch(new RegExp(`\\n  ${field}: `));
    }
  });
});
