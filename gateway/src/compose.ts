import fs from 'node:fs';
import { loadConfig } from '@wholechild/shared/core';
import { servedSdl } from '../../scripts/services';
import { composeSupergraph, lastHints, SUPERGRAPH_FILE, subgraphUrls } from './supergraph';

/** `npm run compose`: writes the supergraph SDL the gateway starts from, composed from the SDL
 *  each subgraph serves (the agencies' upsert mutations generated from their kinds). */
const sdl = composeSupergraph(subgraphUrls(loadConfig({ WHOLECHILD_MODE: 'development' })), servedSdl);
fs.writeFileSync(SUPERGRAPH_FILE, sdl);
console.log(`wrote ${SUPERGRAPH_FILE} (${sdl.length} bytes)`);
for (const hint of lastHints) console.log(`hint: ${hint}`);
