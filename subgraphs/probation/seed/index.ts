import type { DataSource } from 'typeorm';
import {
  ExternalIdIssuer,
  fnv1a32,
  minDate,
  personRow,
  pickDistinct,
  Rng,
  today,
  writeSeed,
  type SeedRow as Row,
  type SyntheticPerson,
} from '@wholechild/shared';
import {
  conditionKind,
  dispositionKind,
  officerKind,
  petitionKind,
  referralKind,
  supervisionTermKind,
  youthKind,
} from '../src/kinds';
import { OFFICER_FAMILY, OFFICER_GIVEN, OFFICER_UNITS_ROSTER } from './catalogue';
import type { Officer, Writer } from './supervision';
import { youthRecords } from './youth';

/** Probation's "today" for its records, never later than the real today: records must not lie in
 *  the future, and a fixed date keeps a seed's county the same every day. */
const COUNTY_TODAY = '2026-11-25';

/** The source system's 12 officers, by unit (their rows go to `rows`). */
function makeOfficers(rng: Rng, sourceSystem: string, rows: Row[], ids: ExternalIdIssuer): Officer[] {
  const given = pickDistinct(
    rng,
    OFFICER_GIVEN.map((g) => [g, 1] as const),
    OFFICER_UNITS_ROSTER.length,
  );
  const family = pickDistinct(
    rng,
    OFFICER_FAMILY.map((f) => [f, 1] as const),
    OFFICER_UNITS_ROSTER.length,
  );
  return OFFICER_UNITS_ROSTER.map((unit, i) => {
    const name = `${given[i]!} ${family[i]!}`;
    const externalId = ids.issue('DPO-', i + 1);
    rows.push({
      sourceSystem,
      externalId,
      name,
      badgeNumber: `J${String(4100 + i * 7).padStart(5, '0')}`,
      unit,
      phone: rng.chance(0.9) ? `(555) 010-${String(1000 + i * 13).slice(-4)}` : null,
      email: rng.chance(0.9) ? `${name.replace(' ', '.')}@probation.example.gov`.toLowerCase() : null,
    });
    return { externalId, unit };
  });
}

/** Probation's part of the synthetic county. One youth record per person (demographics exactly as
 *  given), 12 officers per source system, and for youth old enough (offenses from age 12 to 17):
 *  1–2 intake referrals, petitions for referrals intake sends to the district attorney, court
 *  dispositions for sustained petitions, and supervision terms (formal or WIC 654 informal) with
 *  2–4 conditions. Records are dated to fit the youth's true age and never lie in the future.
 *  Deterministic for a seed; re-running with the same seed rewrites the same rows. Returns the
 *  number of rows written. */
export async function seed(ds: DataSource, people: SyntheticPerson[], rng: Rng): Promise<number> {
  const TODAY = minDate(COUNTY_TODAY, today());
  // ids probation issues have no order (DPO-001, DPO-002, … could be walked), the same whatever the random state
  const officerIds = ExternalIdIssuer.forCatalogue('probation officers');
  const salt = rng.int(0, 0x7fffffff);
  const officerRows: Row[] = [];
  const officers = new Map<string, Officer[]>();
  const youth: Row[] = [];
  const out: Writer = { referrals: [], petitions: [], dispositions: [], terms: [], conditions: [] };

  for (const p of people) {
    if (!officers.has(p.sourceSystem))
      officers.set(p.sourceSystem, makeOfficers(rng, p.sourceSystem, officerRows, officerIds));
    youth.push(personRow(p));
    const r = new Rng(fnv1a32(`${p.sourceSystem}\u0000${p.externalId}`) ^ salt);
    youthRecords({ p, r, roster: officers.get(p.sourceSystem)!, TODAY, out });
  }

  return writeSeed(ds, [
    [
      [officerKind, officerRows],
      [youthKind, youth],
    ],
    [[referralKind, out.referrals]],
    [[petitionKind, out.petitions]],
    [[dispositionKind, out.dispositions]],
    [[supervisionTermKind, out.terms]],
    [[conditionKind, out.conditions]],
  ]);
}
