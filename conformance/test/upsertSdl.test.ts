import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, print, type ObjectTypeDefinitionNode } from 'graphql';
import { agencySdl, kindNames, upsertSdl, type AgencyKind } from '@wholechild/shared';
import * as housing from '../../subgraphs/housing/src/server';

/** The upsert mutations are the kit's (agency/sdl.ts), generated from the agency's kinds: the
 *  agency's schema.graphql holds its record types and their inputs, not the mutations. */
const mutationFields = (sdl: string) =>
  new Map(
    parse(sdl)
      .definitions.filter(
        (d): d is ObjectTypeDefinitionNode =>
          d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Mutation',
      )
      .flatMap((d) => d.fields ?? [])
      .map((f) => [
        f.name.value,
        `${f.description?.value} | (${(f.arguments ?? []).map((a) => `${a.description?.value} ${a.name.value}: ${print(a.type)}`).join(', ')}): ${print(f.type)}`,
      ]),
  );

describe('generated upsert mutations', () => {
  it('a kind added to kinds.ts gets its two mutations, described, with no line of SDL', () => {
    const shelter: AgencyKind = {
      ...housing.spec.kinds.find((k) => k.typename === 'HousingEnrollment')!,
      ...kindNames('HOUSING', 'ShelterStay'),
    };
    const fields = mutationFields(upsertSdl({ ...housing.spec, kinds: [...housing.spec.kinds, shelter] }));
    expect(fields.get('upsertHousingShelterStay')).toBe(
      'Creates or updates one shelter stay; its client record and project (and household, when named) must exist ' +
        '(housing integration accounts and data stewards only). | (The record. record: HousingShelterStayInput!): UpsertedHousingRecord!',
    );
    expect(fields.get('upsertHousingShelterStays')).toBe(
      'Creates or updates a batch of shelter stays (housing integration accounts and data stewards only). | ' +
        '(The records. records: [HousingShelterStayInput!]!): UpsertResult!',
    );
  });

  it("no agency's schema.graphql writes a Mutation: what it serves has the kit's, one pair per kind", () => {
    const served = mutationFields(agencySdl(housing.spec));
    for (const k of [housing.spec.person, ...housing.spec.kinds]) {
      expect(served.has(k.upsertOne)).toBe(true);
      expect(served.has(k.upsertMany)).toBe(true);
    }
    expect([...served.keys()].filter((n) => n.startsWith('upsert'))).toHaveLength(
      2 * (1 + housing.spec.kinds.length),
    );
    for (const agency of ['child-welfare', 'behavioral-health', 'probation', 'education', 'housing'])
      expect(
        fs.readFileSync(
          path.join(__dirname, '..', '..', 'subgraphs', agency, 'src', 'schema.graphql'),
          'utf8',
        ),
      ).not.toMatch(/^(extend )?type Mutation|upsert[A-Z]/m);
  });
});
