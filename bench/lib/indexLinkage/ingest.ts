/** Sending a data set's records through the agencies' own ingest: the bulk path of `npm run
 *  ingest` or batch upserts through the gateway, counting what each agency's validation rejects. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AGENCY_SUBGRAPH, type AgencyCode, type PlatformConfig } from '@wholechild/shared';
import { tokenFor } from '@wholechild/shared/testing';
import { runIngest } from '../../../scripts/ingest';
import { agencySpecs } from '../../../scripts/services';
import { GraphQLClient } from '../load';
import type { LinkageRecord } from './data';

/** Per agency: records sent, accepted and rejected by its validation. */
export type ByAgencyCounts = Partial<
  Record<AgencyCode, { sent: number; accepted: number; rejected: number }>
>;

/** The agency's person input fields of a record (sealedAdoption only where the agency has it). */
function personInput(r: LinkageRecord): Record<string, unknown> {
  return {
    sourceSystem: r.sourceSystem,
    externalId: r.recordId,
    givenName: r.givenName,
    middleName: r.middleName,
    familyName: r.familyName,
    birthDate: r.birthDate,
    sex: r.sex,
    addressLine: r.addressLine,
    city: r.city,
    postalCode: r.postalCode,
    ...(r.sealedAdoption ? { sealedAdoption: true } : {}),
  };
}

export interface IngestOutcome {
  byAgency: ByAgencyCounts;
  rejected: Array<{ recordId: string; agency: AgencyCode; errors: string }>;
  /** Rejections counted but not listed one by one (bulk ingest lists at most 1,000 per file). */
  unlisted: number;
}

const byAgencyOf = (records: LinkageRecord[]) => {
  const m = new Map<AgencyCode, LinkageRecord[]>();
  for (const r of records) m.set(r.agency, [...(m.get(r.agency) ?? []), r]);
  return m;
};

/** `npm run ingest -- --agency <agency> file.ndjson` for each agency (scripts/ingest.ts). */
export async function ingestBulk(records: LinkageRecord[], databaseUrl: string): Promise<IngestOutcome> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wholechild-linkage-'));
  const out: IngestOutcome = { byAgency: {}, rejected: [], unlisted: 0 };
  try {
    for (const [agency, list] of byAgencyOf(records)) {
      const kind = agencySpecs[agency].person.kindEnum;
      const file = path.join(dir, `${AGENCY_SUBGRAPH[agency]}.ndjson`);
      fs.writeFileSync(file, list.map((r) => JSON.stringify({ kind, ...personInput(r) })).join('\n') + '\n');
      const rep = await runIngest({ agency, file, databaseUrl, progress: null });
      let rejected = 0;
      for (const bad of rep.rejected) {
        const errors = bad.errors.map((e) => `${e.field} ${e.code}`).join('; ');
        if (bad.line > 0) {
          out.rejected.push({ recordId: list[bad.line - 1]!.recordId, agency, errors });
          rejected++;
        } else {
          const more = Number(/^(\d+) more/.exec(bad.errors[0]?.reason ?? '')?.[1] ?? 0);
          out.unlisted += more;
          rejected += more;
        }
      }
      out.byAgency[agency] = { sent: list.length, accepted: list.length - rejected, rejected };
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

const GATEWAY_BATCH = 500;

/** Batch upserts of the agency's person records through the gateway, as its integration account. */
export async function ingestGateway(
  records: LinkageRecord[],
  gatewayUrl: string,
  config: PlatformConfig,
): Promise<IngestOutcome> {
  const out: IngestOutcome = { byAgency: {}, rejected: [], unlisted: 0 };
  for (const [agency, list] of byAgencyOf(records)) {
    const kind = agencySpecs[agency].person;
    const token = tokenFor(agency, { roles: ['INTEGRATION'], purposeOfUse: 'OPERATIONS' }, config);
    const client = new GraphQLClient(gatewayUrl, token);
    const mutation = `mutation($r: [${kind.typename}Input!]!) { ${kind.upsertMany}(records: $r) {
      accepted rejected rows { index errors { field code } } } }`;
    let accepted = 0;
    try {
      for (let i = 0; i < list.length; i += GATEWAY_BATCH) {
        const batch = list.slice(i, i + GATEWAY_BATCH);
        const res = await client.request<
          Record<
            string,
            {
              accepted: number;
              rows: Array<{ index: number; errors: Array<{ field: string; code: string }> }>;
            }
          >
        >(mutation, { r: batch.map(personInput) });
        const r = res[kind.upsertMany]!;
        accepted += r.accepted;
        for (const row of r.rows)
          if (row.errors.length)
            out.rejected.push({
              recordId: batch[row.index]!.recordId,
              agency,
              errors: row.errors.map((e) => `${e.field} ${e.code}`).join('; '),
            });
      }
    } finally {
      client.close();
    }
    out.byAgency[agency] = { sent: list.length, accepted, rejected: list.length - accepted };
  }
  return out;
}
