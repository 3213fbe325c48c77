import { AGENCIES, AGENCY_KEYS, type AgencyCode } from '@wholechild/shared';
import type { GraphQLClient } from './load';

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface IntrospectedType {
  name: string;
  kind: string;
  fields: Array<{ name: string; args: unknown[]; type: TypeRef }> | null;
}
const named = (t: TypeRef): TypeRef => (t.ofType ? named(t.ofType) : t);

/** GraphQL type of each agency's section of Child. */
export const SECTION_TYPE: Record<AgencyCode, string> = {
  CHILD_WELFARE: 'ChildWelfareSection',
  BEHAVIORAL_HEALTH: 'BehavioralHealthSection',
  PROBATION: 'ProbationSection',
  EDUCATION: 'EducationSection',
  HOUSING: 'HousingSection',
};

/** Fields of a record a case worker's screen shows: the identifying and status fields, not every
 *  column (the view is ~60 leaf fields, as the issue sizes it). */
const SKIP =
  /^(createdAt|updatedAt|sourceSystem|middleName|addressLine|city|postalCode|primaryLanguage|race|ethnicity|sex|notes?|narrative|description)$/;

/** The cross-system view of one child: index demographics and links, then every agency's section
 *  (each record list with its scalar fields), Restricted where the holder denies. Built from the
 *  gateway's own introspection. Returns the selection and its leaf-field count. */
export async function crossSystemSelection(
  client: GraphQLClient,
  opts: { perListFields?: number } = {},
): Promise<{ selection: string; fields: number }> {
  const data = await client.request<{ __schema: { types: IntrospectedType[] } }>(
    `{ __schema { types { name kind fields { name args { name } type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }`,
  );
  const types = new Map(data.__schema.types.map((t) => [t.name, t]));
  const perList = opts.perListFields ?? 4;
  let fields = 0;
  const leaves = (typeName: string, max: number) => {
    const t = types.get(typeName)!;
    const picked = (t.fields ?? [])
      .filter((f) => !f.args.length && !SKIP.test(f.name))
      .filter((f) => ['SCALAR', 'ENUM'].includes(named(f.type).kind))
      .map((f) => f.name)
      .slice(0, max);
    fields += picked.length;
    return picked.join(' ');
  };
  const sections = AGENCIES.map((agency) => {
    const section = types.get(SECTION_TYPE[agency])!;
    const lists = (section.fields ?? [])
      .filter(
        (f) =>
          !f.args.length &&
          named(f.type).kind === 'OBJECT' &&
          f.name !== 'restricted' &&
          f.name !== 'notices',
      )
      .map((f) => `${f.name} { ${leaves(named(f.type).name!, perList)} }`);
    fields += 4;
    return `${AGENCY_KEYS[agency]} { __typename ... on ${SECTION_TYPE[agency]} { ${lists.join(' ')} } ... on Restricted { agency category reason } }`;
  });
  fields += 8;
  const selection = `id givenName familyName birthDate sex links { agency recordId status matchScore } ${sections.join(' ')}`;
  return { selection, fields };
}

export const VIEW_QUERY = (selection: string) =>
  `query ChildView($id: ID!) { child(id: $id) { ${selection} } }`;
export const PAGE_QUERY = (selection: string) =>
  `query Dashboard($ids: [ID!]!) { children(ids: $ids) { ${selection} } }`;
