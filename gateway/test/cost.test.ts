import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { operationCost } from '../src/cost';

const schema = buildSchema(`
  type Query {
    child(id: ID!): Child
    children(ids: [ID!]!): [Child]!
    search(first: Int): Page!
  }
  type Page { nodes: [Child!]! hasMore: Boolean! }
  interface Record { id: ID! }
  type Child implements Record { id: ID! name: String links: [Link!]! section: Section }
  type Link { agency: String! }
  union Section = Open | Restricted
  type Open { notes: [Link!]! }
  type Restricted { reason: String! }
`);

const cost = (query: string, variables: Record<string, unknown> = {}, defaultListSize = 10) => {
  const doc = parse(query);
  const op = doc.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode;
  return operationCost(schema, doc, op, variables, { defaultListSize });
};

describe(operationCost.name, () => {
  it('counts every field 1, __typename included', () => {
    expect(cost('{ __typename a: __typename b: __typename }')).toBe(3);
    expect(cost('{ child(id: "1") { id name __typename } }')).toBe(4);
  });

  it('multiplies a list by the length of its ids, literal or variable', () => {
    expect(cost('{ children(ids: ["1", "2", "3"]) { id } }')).toBe(1 + 3);
    expect(
      cost('query($ids: [ID!]!) { children(ids: $ids) { id name } }', { ids: Array(500).fill('x') }),
    ).toBe(1 + 500 * 2);
  });

  it('sizes a page by first, once: its nodes take the page size, not the default as well', () => {
    expect(cost('{ search(first: 50) { nodes { id } hasMore } }')).toBe(1 + (1 + 50) + 1);
    expect(cost('query($n: Int) { search(first: $n) { nodes { id } } }', { n: 7 })).toBe(1 + 1 + 7);
  });

  it('counts an unbounded list the default size, and nested lists multiply', () => {
    expect(cost('{ child(id: "1") { links { agency } } }', {}, 4)).toBe(1 + 1 + 4);
    expect(cost('{ search { nodes { links { agency } } } }', {}, 3)).toBe(1 + 1 + 3 * (1 + 3));
  });

  it('counts every fragment in full, inline or named, and introspection as nothing', () => {
    const q = `query($ids: [ID!]!) { children(ids: $ids) { ...F section { ... on Open { notes { agency } } ... on Restricted { reason } } } }
      fragment F on Record { id }`;
    // per child: id 1 + section 1 + notes (1 + 10 × 1) + reason 1 = 14
    expect(cost(q, { ids: ['a', 'b'] })).toBe(1 + 2 * 14);
    expect(cost('{ __schema { types { name fields { name } } } __typename }')).toBe(1);
  });

  it('16 root fields of 500 children cost 16 × 500 × their selection', () => {
    const q = `query($ids: [ID!]!) { ${Array.from({ length: 16 }, (_, i) => `c${i}: children(ids: $ids) { id links { agency } }`).join(' ')} }`;
    expect(cost(q, { ids: Array(500).fill('x') })).toBe(16 * (1 + 500 * (1 + 1 + 10)));
  });
});
