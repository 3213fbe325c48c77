import type { TestPlatform } from './helpers';

interface IntrospectedType {
  name: string;
  kind: string;
  fields: Array<{ name: string; args: unknown[]; type: TypeRef }> | null;
}
interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}

const named = (t: TypeRef): TypeRef => (t.ofType ? named(t.ofType) : t);

/** Builds a selection of every field of `typeName`, `depth` object levels deep, from the
 *  gateway's own introspection: "every section" means every field the schema offers. */
export async function fullSelection(p: TestPlatform, typeName: string, depth = 3): Promise<string> {
  const res = await p.gql(
    'CHILD_WELFARE',
    `{ __schema { types { name kind fields { name args { name } type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }`,
  );
  const types = new Map<string, IntrospectedType>(
    res.body.data.__schema.types.map((t: IntrospectedType) => [t.name, t]),
  );
  const select = (name: string, level: number): string => {
    const t = types.get(name)!;
    const parts: string[] = [];
    for (const f of t.fields ?? []) {
      if (f.args.length) continue;
      const inner = named(f.type);
      if (inner.kind === 'SCALAR' || inner.kind === 'ENUM') parts.push(f.name);
      else if (inner.kind === 'OBJECT' && level > 0)
        parts.push(`${f.name} { ${select(inner.name!, level - 1)} }`);
    }
    return parts.join(' ');
  };
  return select(typeName, depth);
}
