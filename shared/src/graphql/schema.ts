import fs from 'node:fs';
import path from 'node:path';
import { parse, type DocumentNode } from 'graphql';
import {
  AGENCY_KEYS,
  AGENCY_PREFIX,
  agencyOfSubgraph,
  LENT_FACTS,
  TEAM_CONVENERS,
  type SubgraphName,
} from '../agencies';
import { agencyAccessSdl } from './agencySdl';
import { notificationSdl } from './notificationSdl';
import { referralSdl } from './referralSdl';
import { teamSdl } from './teamSdl';

const COMMON_SDL = fs.readFileSync(path.join(__dirname, 'common.graphql'), 'utf8');

/** The SDL of a subgraph: what every subgraph shares (federation link, Agency, AgencyLink,
 *  Restricted, upsert, feed, consent and audit types), for an agency the consent/audit/facts
 *  fields generated from its names, then the subgraph's own `schema.graphql`. */
export function subgraphSdl(schemaFile: string, name: SubgraphName): string {
  const agency = agencyOfSubgraph(name);
  const access = agency
    ? agencyAccessSdl(AGENCY_PREFIX[agency], AGENCY_KEYS[agency], LENT_FACTS[agency])
    : '';
  const teams = agency && TEAM_CONVENERS[agency] ? teamSdl(AGENCY_PREFIX[agency], AGENCY_KEYS[agency]) : '';
  const notifications = agency ? notificationSdl(AGENCY_PREFIX[agency], AGENCY_KEYS[agency]) : '';
  const referrals = agency ? referralSdl(AGENCY_PREFIX[agency], AGENCY_KEYS[agency]) : '';
  return `${COMMON_SDL}\n${fs.readFileSync(schemaFile, 'utf8')}\n${access}${teams}${referrals}${notifications}`;
}

export function loadSubgraphTypeDefs(schemaFile: string, name: SubgraphName): DocumentNode {
  return parse(subgraphSdl(schemaFile, name));
}
