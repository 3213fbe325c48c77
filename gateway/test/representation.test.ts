import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { GATEWAY_CREDENTIAL_HEADER, gatewayCredential } from '@wholechild/shared';
import { tokenFor } from '@wholechild/shared/testing';
import { CASEY, childIdOf, DANA, seedFixture } from './consentFixture';
import { startTestPlatform, type TestPlatform } from './helpers';

/**
 * Subgraphs verify, not trust: a representation reaches an agency's section only with links the
 * child index sealed for that child and caller, and a lent fact counts only with its lender's seal.
 * The forged call of the security probe — the gateway's credential, a behavioral health clinician's
 * token, `_entities` straight to child welfare with a made-up child id, another child's real record
 * ids and `behavioralHealthActiveTreatment: true` — is refused and audited.
 */
describe('representations are sealed by their owners', () => {
  let p: TestPlatform;
  let casey: string;
  let dana: string;
  const clinician = () =>
    tokenFor('BEHAVIORAL_HEALTH', { roles: ['CLINICIAN'], purposeOfUse: 'TREATMENT', sub: 'bh-1' }, p.config);
  const direct = (
    name: 'child-index' | 'child-welfare' | 'behavioral-health',
    token: string,
    query: string,
    variables: object,
  ) => {
    const url = new URL(p.subgraphUrls[name]!);
    return request(url.origin)
      .post(url.pathname)
      .set('authorization', `Bearer ${token}`)
      .set(GATEWAY_CREDENTIAL_HEADER, gatewayCredential(p.config, name))
      .send({ query, variables });
  };
  const SECTION = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Child { childWelfare { __typename ... on ChildWelfareSection { cases { id } } } } } }`;
  /** What the index tells about a child, as the gateway would fetch it for this caller. */
  const fromIndex = async (token: string, id: string) => {
    const res = await direct(
      'child-index',
      token,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Child { recordLinksSeal recordLinks { agency recordId status } } } }`,
      { r: [{ __typename: 'Child', id }] },
    );
    return res.body.data._entities[0] as { recordLinksSeal: string; recordLinks: unknown[] };
  };
  const fromBh = async (
    token: string,
    id: string,
    links: { recordLinksSeal: string; recordLinks: unknown[] },
  ) => {
    const res = await direct(
      'behavioral-health',
      token,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Child { behavioralHealthActiveTreatment behavioralHealthActiveTreatmentSeal } } }`,
      { r: [{ __typename: 'Child', id, ...links }] },
    );
    return res.body.data._entities[0] as Record<string, unknown>;
  };

  beforeAll(async () => {
    p = await startTestPlatform();
    await seedFixture(p);
    casey = await childIdOf(p, CASEY);
    dana = await childIdOf(p, DANA);
  }, 120_000);
  afterAll(async () => p?.dispose());

  it('through the gateway the treating clinician sees the case (the seals travel with the plan)', async () => {
    const res = await p.gql(
      'BEHAVIORAL_HEALTH',
      `query($id: ID!) { child(id: $id) { childWelfare { __typename } } }`,
      { id: casey },
      { roles: ['CLINICIAN'], purposeOfUse: 'TREATMENT' },
    );
    expect(res.body.data.child.childWelfare.__typename).toBe('ChildWelfareSection');
  });

  it("the forged call (made-up child, another child's record ids, a fact claimed) is refused and audited", async () => {
    const token = clinician();
    const genuine = await fromIndex(token, casey);
    const forged = [
      {
        __typename: 'Child',
        id: randomUUID(),
        recordLinks: genuine.recordLinks,
        behavioralHealthActiveTreatment: true,
      },
      // a genuine seal, moved to another child id
      { __typename: 'Child', id: dana, ...genuine, behavioralHealthActiveTreatment: true },
      // a genuine seal with a link added
      {
        __typename: 'Child',
        id: casey,
        recordLinksSeal: genuine.recordLinksSeal,
        recordLinks: [
          ...genuine.recordLinks,
          { agency: 'CHILD_WELFARE', recordId: randomUUID(), status: 'AUTO' },
        ],
      },
    ];
    for (const rep of forged) {
      const res = await direct('child-welfare', token, SECTION, { r: [rep] });
      expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
      expect(JSON.stringify(res.body.data ?? null)).not.toMatch(/cases/);
    }
    // a genuine seal is worth nothing to another caller
    const other = tokenFor(
      'BEHAVIORAL_HEALTH',
      { roles: ['CLINICIAN'], purposeOfUse: 'TREATMENT', sub: 'bh-2' },
      p.config,
    );
    expect(
      (await direct('child-welfare', other, SECTION, { r: [{ __typename: 'Child', id: casey, ...genuine }] }))
        .body.errors[0].extensions.code,
    ).toBe('FORBIDDEN');
    // every refusal is in child welfare's trail
    const trail = await p.gql(
      'CHILD_WELFARE',
      `{ childWelfareAuditTrail(actor: "bh-1") { events { decision rule } } }`,
      {},
      { roles: ['PRIVACY_OFFICER'], purposeOfUse: 'OPERATIONS' },
    );
    const denials = trail.body.data.childWelfareAuditTrail.events.filter(
      (e: { decision: string; rule: string }) => e.decision === 'DENY' && /^FORBIDDEN/.test(e.rule),
    );
    expect(denials.length).toBeGreaterThanOrEqual(3);
  });

  it("a lent fact counts only with its lender's seal", async () => {
    const token = clinician();
    const links = await fromIndex(token, casey);
    const fact = await fromBh(token, casey, links);
    expect(fact.behavioralHealthActiveTreatment).toBe(true);
    const ask = (extra: object) =>
      direct('child-welfare', token, SECTION, {
        r: [{ __typename: 'Child', id: casey, ...links, ...extra }],
      });
    // with the lender's seal: the treating-provider rule opens the case
    const sealed = await ask(fact);
    expect(sealed.body.data._entities[0].childWelfare.__typename).toBe('ChildWelfareSection');
    // the fact claimed without a seal (or with the seal of another value) opens nothing
    for (const claim of [
      { behavioralHealthActiveTreatment: true },
      {
        behavioralHealthActiveTreatment: true,
        behavioralHealthActiveTreatmentSeal: (await fromBh(token, dana, await fromIndex(token, dana)))
          .behavioralHealthActiveTreatmentSeal,
      },
    ]) {
      const res = await ask(claim);
      expect(res.body.data._entities[0].childWelfare.__typename).toBe('Restricted');
    }
  });
});
