import type { PoolClient } from 'pg';
import type { FieldError } from '../errors';
import { STAGING, type KindPlan, type ParentPlan } from './bulkStaging';
import { anotherChildErrors, unknownParentError, type ChildRef } from './parentRules';

/**
 * The parent rules of parentRules.ts over a kind's staged lines, set-wise: one query per parent
 * for the parents not in the agency's table (nor written earlier in this load), one for the lines
 * whose child-level parents are about different children (decided by anotherChildErrors, as the
 * upsert decides). Returns each refused line once, with its errors in the upsert's order (unknown
 * parents in the kind's order, then another child's), and removes those lines from staging so
 * nothing of them is written.
 */
export async function checkParents(
  client: PoolClient,
  plan: KindPlan,
): Promise<Array<{ line: number; errors: FieldError[] }>> {
  const errors = new Map<number, FieldError[]>();
  const add = (line: number, found: FieldError[]) => {
    if (found.length) errors.set(line, [...(errors.get(line) ?? []), ...found]);
  };
  for (const parent of plan.parents) {
    const { rows } = await client.query<{ line: number; ext: string; src: string }>(
      `SELECT s.line, s.${parent.slot} AS ext, s.src FROM ${STAGING} s
        WHERE s.kind = $1 AND s.${parent.slot} IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM ${parent.table} p WHERE p.source_system = s.src AND p.external_id = s.${parent.slot})`,
      [plan.index],
    );
    for (const r of rows) add(r.line, [unknownParentError(parent, r.ext, r.src)]);
  }
  for (const r of await anotherChildLines(client, plan)) add(r.line, anotherChildErrors(r.refs));
  if (errors.size)
    await client.query(`DELETE FROM ${STAGING} WHERE kind = $1 AND line = ANY($2::int[])`, [
      plan.index,
      [...errors.keys()],
    ]);
  return [...errors].map(([line, found]) => ({ line, errors: found }));
}

/** The lines of a kind whose found child-level parents (the person record itself, or a record with
 *  a person_id) are not all about one child, with those parents as anotherChildErrors takes them. */
async function anotherChildLines(
  client: PoolClient,
  plan: KindPlan,
): Promise<Array<{ line: number; refs: ChildRef[] }>> {
  const childLevel = plan.parents
    .map((parent, i) => ({ parent, i }))
    .filter(({ parent }) => isPerson(parent) || parent.meta.findColumnWithPropertyName('personId'));
  if (childLevel.length < 2) return [];
  const child = ({ parent, i }: (typeof childLevel)[number]) =>
    `p${i}.${isPerson(parent) ? 'id' : 'person_id'}`;
  const joins = childLevel.map(
    ({ parent, i }) =>
      `LEFT JOIN ${parent.table} p${i} ON p${i}.source_system = s.src AND p${i}.external_id = s.${parent.slot}`,
  );
  // some two of them found and different (a comparison with a parent not found is null, not true)
  const differ = childLevel.flatMap((a, x) =>
    childLevel.slice(x + 1).map((b) => `${child(a)} <> ${child(b)}`),
  );
  const { rows } = await client.query<{ line: number; children: Array<string | null> }>(
    `SELECT s.line, ARRAY[${childLevel.map(child).join(', ')}]::text[] AS children
       FROM ${STAGING} s ${joins.join(' ')}
      WHERE s.kind = $1 AND (${differ.join(' OR ')})`,
    [plan.index],
  );
  return rows.map((r) => ({
    line: r.line,
    refs: childLevel.flatMap(({ parent }, k) => {
      const personId = r.children[k];
      return personId ? [{ input: parent.input, personId, isPerson: isPerson(parent) }] : [];
    }),
  }));
}

const isPerson = (parent: ParentPlan) => parent.property === 'personId';
