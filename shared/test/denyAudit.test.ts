import { parse, type OperationDefinitionNode } from 'graphql';
import { fieldNameAt, refusalRule } from '../src/graphql/refusalAudit';

const at = (query: string, path: Array<string | number>) => {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === 'OperationDefinition',
  );
  return fieldNameAt(document, operation, path);
};

describe(refusalRule.name, () => {
  it('names the refused field, never the caller’s alias', () => {
    expect(at('{ childWelfarePersonFeed { cursor } }', ['childWelfarePersonFeed'])).toBe(
      'childWelfarePersonFeed',
    );
    expect(at('{ mine: childWelfareAuditTrail { events { id } } }', ['mine'])).toBe('childWelfareAuditTrail');
    expect(at('query { ...Q } fragment Q on Query { x: housingPrivacyNotices { id } }', ['x'])).toBe(
      'housingPrivacyNotices',
    );
    expect(
      at(
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Child { a: housingAuditEvents { id } } } }',
        ['_entities', 0, 'a'],
      ),
    ).toBe('housingAuditEvents');
    expect(at('{ a }', ['b'])).toBeNull();
  });

  it('makes FORBIDDEN_<FIELD> rules of at most 80 characters', () => {
    expect(refusalRule('childWelfarePersonFeed')).toBe('FORBIDDEN_CHILD_WELFARE_PERSON_FEED');
    expect(refusalRule('acknowledgeHousingPrivacyNotice')).toBe(
      'FORBIDDEN_ACKNOWLEDGE_HOUSING_PRIVACY_NOTICE',
    );
    expect(refusalRule(null)).toBe('FORBIDDEN');
    expect(refusalRule('a'.repeat(200))).toHaveLength(80);
  });
});
