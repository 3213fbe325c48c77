import { randomUUID } from 'node:crypto';
import type { AgencyCode, PurposeOfUse, Role } from '@wholechild/shared';
import { put } from './consentFixture';
import { startTestPlatform, type TestPlatform } from './helpers';

/** childByAgencyRecord by the agency's own natural key (sourceSystem, externalId), beside the
 *  record id: the same child, and the same privacy — what the viewer may not know of answers as
 *  what does not exist. */
describe('childByAgencyRecord by (sourceSystem, externalId)', () => {
  let p: TestPlatform;
  const SRC = 'LOOKUP';
  const student = {
    sourceSystem: SRC,
    externalId: 'S-100',
    givenName: 'Nia',
    familyName: 'Brookes',
    birthDate: '2012-08-09',
    sex: 'F',
  };
  const client = { ...student, externalId: 'BH-100' };
  const byKey = `query($a: Agency!, $s: String!, $e: String!) {
    childByAgencyRecord(agency: $a, sourceSystem: $s, externalId: $e) { id givenName links { agency recordId } } }`;
  const byId = `query($a: Agency!, $r: ID!) { childByAgencyRecord(agency: $a, recordId: $r) { id givenName links { agency recordId } } }`;
  const who = (agency: AgencyCode, roles: Role[], purposeOfUse: PurposeOfUse) => ({
    agency,
    roles,
    purposeOfUse,
  });
  const educator = who('EDUCATION', ['EDUCATOR'], 'CARE_COORDINATION');
  const clinician = who('BEHAVIORAL_HEALTH', ['CLINICIAN'], 'TREATMENT');
  const caseworker = who('CHILD_WELFARE', ['CASEWORKER'], 'CARE_COORDINATION');
  const ask = async (v: ReturnType<typeof who>, query: string, vars: Record<string, unknown>) =>
    (await p.gql(v.agency, query, vars, v)).body;
  const recordIdOf = async (agency: AgencyCode, ext: string) =>
    (
      await p.index.db.dataSource.query(
        `SELECT record_id FROM agency_record WHERE agency = $1 AND source_system = $2 AND external_id = $3`,
        [agency, SRC, ext],
      )
    )[0]?.record_id as string | undefined;

  beforeAll(async () => {
    p = await startTestPlatform();
    await put(p, 'EDUCATION', 'EducationStudent', student);
    // a Part 2-only client: its very existence is protected from other agencies (42 CFR 2.13(c))
    await put(p, 'BEHAVIORAL_HEALTH', 'BehavioralHealthClient', client);
    await put(p, 'BEHAVIORAL_HEALTH', 'BehavioralHealthEpisode', {
      sourceSystem: SRC,
      externalId: 'BH-EP-1',
      personExternalId: 'BH-100',
      program: 'SUD_OUTPATIENT',
      startDate: '2025-03-01',
      isSubstanceUse: true,
    });
    await p.syncFeeds();
  });
  afterAll(async () => p?.dispose());

  it('finds the same child as the record id does, for the agency that holds the record', async () => {
    const recordId = (await recordIdOf('EDUCATION', 'S-100'))!;
    const viaKey = await ask(educator, byKey, { a: 'EDUCATION', s: SRC, e: 'S-100' });
    expect(viaKey.errors).toBeUndefined();
    expect(viaKey.data.childByAgencyRecord).toMatchObject({ givenName: 'Nia' });
    expect(viaKey).toEqual(await ask(educator, byId, { a: 'EDUCATION', r: recordId }));
    // the lookup is audited with what was asked
    const [row] = await p.index.db.dataSource.query(
      `SELECT terms, child_ids FROM index_access_event WHERE action = 'LOOKUP_RECORD' AND terms->>'externalId' = 'S-100'`,
    );
    expect(row).toEqual({
      terms: { agency: 'EDUCATION', sourceSystem: SRC, externalId: 'S-100' },
      child_ids: [viaKey.data.childByAgencyRecord.id],
    });
  });

  it("another agency's natural key answers as a key that does not exist", async () => {
    // the record id (learnt from a link) still works for others; a guessable external id does not
    const recordId = (await recordIdOf('EDUCATION', 'S-100'))!;
    expect(
      (await ask(caseworker, byId, { a: 'EDUCATION', r: recordId })).data.childByAgencyRecord,
    ).not.toBeNull();
    const known = await ask(caseworker, byKey, { a: 'EDUCATION', s: SRC, e: 'S-100' });
    const unknown = await ask(caseworker, byKey, { a: 'EDUCATION', s: SRC, e: 'S-999' });
    expect(known).toEqual({ data: { childByAgencyRecord: null } });
    expect(known).toEqual(unknown);
  });

  it('a protected record: its holder finds it by key, everyone else gets what a missing record gets', async () => {
    const mine = await ask(clinician, byKey, { a: 'BEHAVIORAL_HEALTH', s: SRC, e: 'BH-100' });
    expect(mine.data.childByAgencyRecord?.links.map((l: { agency: string }) => l.agency)).toContain(
      'BEHAVIORAL_HEALTH',
    );
    const recordId = (await recordIdOf('BEHAVIORAL_HEALTH', 'BH-100'))!;
    for (const v of [caseworker, educator]) {
      expect(await ask(v, byKey, { a: 'BEHAVIORAL_HEALTH', s: SRC, e: 'BH-100' })).toEqual(
        await ask(v, byKey, { a: 'BEHAVIORAL_HEALTH', s: SRC, e: 'BH-404' }),
      );
      expect(await ask(v, byId, { a: 'BEHAVIORAL_HEALTH', r: recordId })).toEqual(
        await ask(v, byId, { a: 'BEHAVIORAL_HEALTH', r: randomUUID() }),
      );
    }
  });

  it('one form or the other, named in the error', async () => {
    const refused = async (args: string) =>
      (await ask(educator, `{ childByAgencyRecord(agency: EDUCATION${args}) { id } }`, {})).errors[0]
        .extensions;
    expect(await refused('')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'recordId' });
    expect(await refused(`, sourceSystem: "${SRC}"`)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'externalId',
      errors: [expect.objectContaining({ code: 'REQUIRED' })],
    });
    expect(
      await refused(`, recordId: "${randomUUID()}", sourceSystem: "${SRC}", externalId: "S-100"`),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'recordId', reason: expect.stringMatching(/not both/) });
    expect(await refused(`, sourceSystem: "${SRC}", externalId: "${'x'.repeat(129)}"`)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'externalId',
      errors: [expect.objectContaining({ code: 'TOO_LONG' })],
    });
  });
});
