import { randomUUID } from 'node:crypto';
import type { AgencyCode, PurposeOfUse, Role } from '@wholechild/shared';
import { put } from './consentFixture';
import { startTestPlatform, type TestPlatform } from './helpers';

/**
 * The child index answers per viewer. A record whose existence its holder protects — a 42 CFR
 * Part 2 program's client, a domestic-violence survivor's housing record (VAWA), a sealed adoption
 * — must change nothing another agency's viewer sees in the index: for every field of Child the
 * index resolves and every query that returns index data, the whole response (data, errors,
 * counts, order, cursors) after the protected record exists is compared with the response before.
 * Each case also checks that the protected record really is in the index, linked where it would
 * change the answer, and that its holder does see it (so the comparison could fail).
 */
interface Viewer {
  agency: AgencyCode;
  roles: Role[];
  purposeOfUse: PurposeOfUse;
}
const VIEWERS: Viewer[] = [
  { agency: 'CHILD_WELFARE', roles: ['CASEWORKER'], purposeOfUse: 'CARE_COORDINATION' },
  { agency: 'CHILD_WELFARE', roles: ['CLINICIAN'], purposeOfUse: 'TREATMENT' },
  { agency: 'EDUCATION', roles: ['FOSTER_CARE_LIAISON'], purposeOfUse: 'CARE_COORDINATION' },
  { agency: 'PROBATION', roles: ['PROBATION_OFFICER'], purposeOfUse: 'CASE_PLANNING' },
  { agency: 'PROBATION', roles: ['COURT'], purposeOfUse: 'CASE_PLANNING' },
  { agency: 'HOUSING', roles: ['HOUSING_NAVIGATOR'], purposeOfUse: 'CARE_COORDINATION' },
  { agency: 'EDUCATION', roles: ['DATA_STEWARD'], purposeOfUse: 'OPERATIONS' },
  { agency: 'BEHAVIORAL_HEALTH', roles: ['CLINICIAN'], purposeOfUse: 'TREATMENT' },
];

/** Every field of Child that the index itself resolves. */
const CHILD = `id givenName middleName familyName birthDate sex race ethnicity primaryLanguage
  links { agency recordId matchScore status }
  linkHistory { at actor action childId otherChildId agency recordId reason }
  matchExplanation { agency recordId status comparedWith { agency recordId status matchScore } weight decision
    possibleTwins birthDatesDiffer heldBy personWeight fields { field level weight } adjustments { kind weight } }`;

const SRC = 'PRIV';
const person = (ext: string, givenName: string, familyName: string, birthDate: string, more = {}) => ({
  sourceSystem: SRC,
  externalId: ext,
  givenName,
  familyName,
  birthDate,
  sex: 'F',
  addressLine: '12 Alder Way',
  city: 'Witney',
  postalCode: '95401',
  ...more,
});

describe('the child index answers per viewer (protected records change nothing others see)', () => {
  let p: TestPlatform;
  const recordOf = async (agency: AgencyCode, ext: string) => {
    const [row] = await p.index.db.dataSource.query(
      `SELECT record_id, child_id FROM agency_record WHERE agency = $1 AND source_system = $2 AND external_id = $3`,
      [agency, SRC, ext],
    );
    return row as { record_id: string; child_id: string } | undefined;
  };
  const as = (v: Viewer) => ({ roles: v.roles, purposeOfUse: v.purposeOfUse });

  /** Everything the index tells one viewer about one child and one name. */
  const everything = async (
    v: Viewer,
    q: { childId: string; familyName: string; givenName: string; birthDate: string; records: string[][] },
  ) => {
    const ask = async (query: string, variables: Record<string, unknown> = {}) => {
      const res = await p.gql(v.agency, query, variables, as(v));
      return { status: res.status, body: res.body };
    };
    return {
      child: await ask(`query($id: ID!) { child(id: $id) { ${CHILD} } }`, { id: q.childId }),
      children: await ask(`query($ids: [ID!]!) { children(ids: $ids) { ${CHILD} } }`, { ids: [q.childId] }),
      byFamily: await ask(
        `query($f: String!) { searchChildren(familyName: $f, first: 2) { nodes { ${CHILD} } endCursor hasMore } }`,
        { f: q.familyName },
      ),
      byGiven: await ask(
        `query($g: String!, $b: String!) { searchChildren(givenName: $g, birthDate: $b) { nodes { id givenName middleName } endCursor hasMore } }`,
        { g: q.givenName, b: q.birthDate },
      ),
      byRecord: await Promise.all(
        q.records.map(([agency, recordId]) =>
          ask(`{ childByAgencyRecord(agency: ${agency}, recordId: "${recordId}") { ${CHILD} } }`),
        ),
      ),
      review: v.roles.includes('DATA_STEWARD')
        ? await ask(
            `{ reviewQueue(first: 20) { nodes { id weight a { agency recordId } b { agency recordId } } hasMore } }`,
          )
        : null,
    };
  };

  beforeAll(async () => {
    p = await startTestPlatform();
  }, 120_000);
  afterAll(async () => p?.dispose());

  /** Answers of every viewer but the holder's, before and after `addProtected`, must be equal. */
  const compare = async (
    holder: AgencyCode,
    q: { childId: string; familyName: string; givenName: string; birthDate: string; records: string[][] },
    addProtected: () => Promise<void>,
  ) => {
    const others = VIEWERS.filter((v) => v.agency !== holder);
    const before = await Promise.all(others.map((v) => everything(v, q)));
    await addProtected();
    await p.syncFeeds();
    const after = await Promise.all(others.map((v) => everything(v, q)));
    others.forEach((v, i) => expect({ viewer: v, ...after[i] }).toEqual({ viewer: v, ...before[i] }));
    return before[0]!;
  };

  it('a Part 2-only record (with a middle name of its own) linked to a child known to education', async () => {
    await put(p, 'EDUCATION', 'EducationStudent', person('kai-ed', 'Kailani', 'Mendoza', '2011-03-04'));
    await p.syncFeeds();
    const ed = (await recordOf('EDUCATION', 'kai-ed'))!;
    const q = {
      childId: ed.child_id,
      familyName: 'mendoza',
      givenName: 'kailani',
      birthDate: '2011-03-04',
      records: [['EDUCATION', ed.record_id]],
    };
    const before = await compare('BEHAVIORAL_HEALTH', q, async () => {
      await put(
        p,
        'BEHAVIORAL_HEALTH',
        'BehavioralHealthClient',
        person('kai-bh', 'Kailani', 'Mendoza', '2011-03-04', { middleName: 'Secretname' }),
      );
      await put(p, 'BEHAVIORAL_HEALTH', 'BehavioralHealthEpisode', {
        sourceSystem: SRC,
        externalId: 'kai-sud',
        personExternalId: 'kai-bh',
        program: 'SUD_OUTPATIENT',
        startDate: '2025-03-01',
        isSubstanceUse: true,
      });
    });
    expect(before.child.body.data.child.id).toBe(ed.child_id);
    // the protected record is in the index, linked to the same child, and its holder sees it
    const bh = (await recordOf('BEHAVIORAL_HEALTH', 'kai-bh'))!;
    expect(bh.child_id).toBe(ed.child_id);
    const holder = await p.gql(
      'BEHAVIORAL_HEALTH',
      `query($id: ID!) { child(id: $id) { middleName links { agency } linkHistory { recordId } } }`,
      { id: ed.child_id },
      { roles: ['CLINICIAN'], purposeOfUse: 'TREATMENT' },
    );
    expect(holder.body.data.child.middleName).toBe('Secretname');
    expect(holder.body.data.child.links.map((l: { agency: string }) => l.agency).sort()).toEqual([
      'BEHAVIORAL_HEALTH',
      'EDUCATION',
    ]);
    expect(holder.body.data.child.linkHistory.map((e: { recordId: string }) => e.recordId)).toContain(
      bh.record_id,
    );
    // a lookup of the protected record answers exactly as a lookup of a record that never existed
    for (const v of VIEWERS.filter((x) => x.agency !== 'BEHAVIORAL_HEALTH')) {
      const look = async (id: string) =>
        (
          await p.gql(
            v.agency,
            `{ childByAgencyRecord(agency: BEHAVIORAL_HEALTH, recordId: "${id}") { id } }`,
            {},
            as(v),
          )
        ).body;
      expect(await look(bh.record_id)).toEqual(await look(randomUUID()));
    }
  });

  it('a Part 2-only record beside child welfare, education and probation records of the child', async () => {
    const demo = person('lu', 'Lucia', 'Bergstrom', '2010-11-12');
    await put(p, 'CHILD_WELFARE', 'ChildWelfarePerson', { ...demo, externalId: 'lu-cw' });
    await put(p, 'EDUCATION', 'EducationStudent', { ...demo, externalId: 'lu-ed' });
    await put(p, 'PROBATION', 'ProbationYouth', { ...demo, externalId: 'lu-pr' });
    await p.syncFeeds();
    const cw = (await recordOf('CHILD_WELFARE', 'lu-cw'))!;
    const ed = (await recordOf('EDUCATION', 'lu-ed'))!;
    expect(ed.child_id).toBe(cw.child_id);
    await compare(
      'BEHAVIORAL_HEALTH',
      {
        childId: cw.child_id,
        familyName: 'bergstrom',
        givenName: 'lucia',
        birthDate: '2010-11-12',
        records: [
          ['CHILD_WELFARE', cw.record_id],
          ['EDUCATION', ed.record_id],
        ],
      },
      async () => {
        await put(p, 'BEHAVIORAL_HEALTH', 'BehavioralHealthClient', {
          ...demo,
          externalId: 'lu-bh',
          middleName: 'Other',
          race: 'ASIAN',
        });
        await put(p, 'BEHAVIORAL_HEALTH', 'BehavioralHealthEpisode', {
          sourceSystem: SRC,
          externalId: 'lu-sud',
          personExternalId: 'lu-bh',
          program: 'SUD_RESIDENTIAL',
          startDate: '2025-05-01',
          isSubstanceUse: true,
        });
      },
    );
    expect((await recordOf('BEHAVIORAL_HEALTH', 'lu-bh'))!.child_id).toBe(cw.child_id);
  });

  it("a domestic-violence survivor's housing record (VAWA: it never leaves housing)", async () => {
    await put(
      p,
      'CHILD_WELFARE',
      'ChildWelfarePerson',
      person('mo-cw', 'Monroe', 'Achterberg', '2013-01-02'),
    );
    await p.syncFeeds();
    const cw = (await recordOf('CHILD_WELFARE', 'mo-cw'))!;
    await compare(
      'HOUSING',
      {
        childId: cw.child_id,
        familyName: 'achterberg',
        givenName: 'monroe',
        birthDate: '2013-01-02',
        records: [['CHILD_WELFARE', cw.record_id]],
      },
      async () => {
        await put(
          p,
          'HOUSING',
          'HousingClient',
          person('mo-ho', 'Monroe', 'Achterberg', '2013-01-02', { dvSurvivor: true, middleName: 'Hidden' }),
        );
      },
    );
    expect(await recordOf('HOUSING', 'mo-ho')).toBeUndefined();
  });

  it('a sealed adoption (the birth identity of an adopted child) shows to no other agency', async () => {
    await put(p, 'EDUCATION', 'EducationStudent', person('ad-ed', 'Noor', 'Castellanos', '2014-06-07'));
    await p.syncFeeds();
    const ed = (await recordOf('EDUCATION', 'ad-ed'))!;
    await compare(
      'CHILD_WELFARE',
      {
        childId: ed.child_id,
        familyName: 'haddad',
        givenName: 'noor',
        birthDate: '2014-06-07',
        records: [['EDUCATION', ed.record_id]],
      },
      async () => {
        await put(
          p,
          'CHILD_WELFARE',
          'ChildWelfarePerson',
          person('ad-cw', 'Noor', 'Haddad', '2014-06-07', { sealedAdoption: true }),
        );
      },
    );
    // it is in the index (a child of its own: never merged), and child welfare's own staff find it
    const sealed = (await recordOf('CHILD_WELFARE', 'ad-cw'))!;
    expect(sealed.child_id).toBeTruthy();
    const own = await p.gql('CHILD_WELFARE', `{ searchChildren(familyName: "haddad") { nodes { id } } }`);
    expect(own.body.data.searchChildren.nodes).toEqual([{ id: sealed.child_id }]);
  });
});

describe('a sealed adoption at child welfare (Cal. Family Code 9200)', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform();
    await put(p, 'CHILD_WELFARE', 'ChildWelfarePerson', person('open-cw', 'Rowan', 'Ellery', '2013-02-03'));
    await put(p, 'CHILD_WELFARE', 'ChildWelfarePerson', {
      ...person('sealed-cw', 'Rowan', 'Fairweather', '2013-02-03'),
      sealedAdoption: true,
    });
    await p.syncFeeds();
  }, 120_000);
  afterAll(async () => p?.dispose());

  const others: Viewer[] = VIEWERS.filter((v) => v.agency !== 'CHILD_WELFARE');
  const lookups = (ext: string) =>
    `{ childWelfareRecord(kind: PERSON, sourceSystem: "${SRC}", externalId: "${ext}") { __typename }
       childWelfareConsents(sourceSystem: "${SRC}", personExternalId: "${ext}") { id } }`;

  it("another agency's lookups of the sealed record answer exactly as for a record that never existed", async () => {
    for (const v of [...others, { ...others[0]!, purposeOfUse: 'EMERGENCY' as const }]) {
      const opts = {
        roles: v.roles,
        purposeOfUse: v.purposeOfUse,
        breakGlassReason: 'unresponsive child at the school office',
      };
      const sealed = await p.gql(v.agency, lookups('sealed-cw'), {}, opts);
      const missing = await p.gql(v.agency, lookups('never-existed'), {}, opts);
      expect({ v, body: sealed.body }).toEqual({ v, body: missing.body });
    }
    // an open record of the same agency does show (Restricted or data): the comparison could fail
    const open = await p.gql('EDUCATION', lookups('open-cw'), {}, { roles: ['FOSTER_CARE_LIAISON'] });
    const missing = await p.gql(
      'EDUCATION',
      lookups('never-existed'),
      {},
      { roles: ['FOSTER_CARE_LIAISON'] },
    );
    expect(open.body).not.toEqual(missing.body);
    // child welfare's own staff see it
    const own = await p.gql('CHILD_WELFARE', lookups('sealed-cw'));
    expect(own.body.data.childWelfareRecord.__typename).toBe('ChildWelfarePerson');
  });

  it('no consent can be recorded for it: nothing may disclose a sealed adoption', async () => {
    const res = await p.gql(
      'CHILD_WELFARE',
      `mutation($c: ConsentInput!) { recordChildWelfareConsent(consent: $c) { id } }`,
      {
        c: {
          sourceSystem: SRC,
          personExternalId: 'sealed-cw',
          grantorType: 'PARENT_GUARDIAN',
          grantorName: 'A parent',
          categories: ['IDENTITY'],
          recipientAgencies: ['EDUCATION'],
          purposes: ['CARE_COORDINATION'],
          periodStart: '2025-01-01',
          sourceDocumentRef: 'DOC-9',
        },
      },
      { roles: ['CASEWORKER'], purposeOfUse: 'OPERATIONS' },
    );
    expect(res.body.errors[0].extensions.errors).toContainEqual(
      expect.objectContaining({ field: 'personExternalId', code: 'OUT_OF_RANGE' }),
    );
  });
});

describe('searching the index', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform();
    const names = [
      'Amara',
      'Bodhi',
      'Cyrus',
      'Delphine',
      'Ezra',
      'Farah',
      'Gideon',
      'Hollis',
      'Imani',
      'Jasper',
      'Keziah',
      'Leandro',
    ];
    // twelve different children named Quintero, in twelve homes
    for (const [i, given] of names.entries())
      await put(p, 'EDUCATION', 'EducationStudent', {
        ...person(
          `s${i}`,
          given,
          'Quintero',
          `${2008 + (i % 6)}-${String(i + 1).padStart(2, '0')}-${String(3 + i).padStart(2, '0')}`,
        ),
        addressLine: `${10 + i} Birch Road`,
        postalCode: `9540${i % 10}`,
      });
    await p.syncFeeds();
  }, 120_000);
  afterAll(async () => p?.dispose());
  const search = (args: string) =>
    p.gql('CHILD_WELFARE', `{ searchChildren(${args}) { nodes { id } endCursor hasMore } }`);

  it.each([
    ['familyName: "%"', 'familyName', 'TOO_SHORT'],
    ['familyName: "_%"', 'familyName', 'TOO_SHORT'],
    ['familyName: "q"', 'familyName', 'TOO_SHORT'],
    ['birthDate: "2012-01-01"', 'familyName', 'REQUIRED'],
    ['familyName: "qu", after: "not-a-cursor"', 'after', 'INVALID_FORMAT'],
  ])('%s is refused (%s %s) and names nobody', async (args, field, code) => {
    const res = await search(args);
    expect(res.body.data).toBeNull();
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors[0].extensions.errors).toContainEqual(expect.objectContaining({ field, code }));
  });

  it('wildcards are letters-only: "qu%" finds what "qu" finds, "q_intero" what "qintero" finds (nothing)', async () => {
    const qu = await search('familyName: "qu", first: 100');
    expect(qu.body.data.searchChildren.nodes).toHaveLength(12);
    expect((await search('familyName: "qu%", first: 100')).body).toEqual(qu.body);
    expect((await search('familyName: "q_intero"')).body.data.searchChildren.nodes).toEqual([]);
  });

  it('a search walks at most 5 pages, then gives no cursor; a cursor past the bound is refused', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const res = await search(`familyName: "quin", first: 2${after ? `, after: "${after}"` : ''}`);
      const page = res.body.data.searchChildren;
      seen.push(...page.nodes.map((n: { id: string }) => n.id));
      pages++;
      if (!page.endCursor || !page.hasMore) break;
      after = page.endCursor;
    }
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(10);
    expect([...seen].sort()).toEqual(seen);
    const forged = Buffer.from(`p6:${seen[9]}`).toString('base64url');
    const res = await search(`familyName: "quin", first: 2, after: "${forged}"`);
    expect(res.body.errors[0].extensions.errors).toContainEqual(
      expect.objectContaining({ field: 'after', code: 'OUT_OF_RANGE' }),
    );
  });
});
