import type { PoolClient } from 'pg';
import { fieldError, type FieldError } from '../errors';
import { STAGING, type KindPlan } from './bulkStaging';
import { unknownParentError } from './parentRules';

/** Staged lines of the kind naming a parent that is not in the agency's table (nor written earlier
 *  in this load), or naming parents about different children: reported, and removed from staging
 *  so nothing of them is written. */
export async function unknownParents(
  client: PoolClient,
  plan: KindPlan,
): Promise<Array<{ line: number; error: FieldError }>> {
  const found: Array<{ line: number; error: FieldError }> = [];
  for (const parent of plan.parents) {
    const { rows } = await client.query<{ line: number; ext: string; src: string }>(
      `SELECT s.line, s.${parent.slot} AS ext, s.src FROM ${STAGING} s
        WHERE s.kind = $1 AND s.${parent.slot} IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM ${parent.table} p WHERE p.source_system = s.src AND p.external_id = s.${parent.slot})`,
      [plan.index],
    );
    for (const r of rows) found.push({ line: r.line, error: unknownParentError(parent, r.ext, r.src) });
  }
  // Every child-level record a row points at must be about the same child (as the upsert checks).
  const personParent = plan.parents.find((p) => p.property === 'personId');
  for (const parent of plan.parents) {
    if (!personParent || parent === personParent) continue;
    if (!parent.meta.findColumnWithPropertyName('personId')) continue;
    const { rows } = await client.query<{ line: number }>(
      `SELECT s.line FROM ${STAGING} s
         JOIN ${parent.table} p ON p.source_system = s.src AND p.external_id = s.${parent.slot}
         JOIN ${personParent.table} c ON c.source_system = s.src AND c.external_id = s.${personParent.slot}
        WHERE s.kind = $1 AND p.person_id IS DISTINCT FROM c.id`,
      [plan.index],
    );
    for (const r of rows)
      found.push({
        line: r.line,
        error: fieldError(
          parent.input,
          'UNKNOWN_REFERENCE',
          `${parent.input} refers to a record of another person than ${personParent.input}`,
        ),
      });
  }
  if (found.length)
    await client.query(`DELETE FROM ${STAGING} WHERE kind = $1 AND line = ANY($2::int[])`, [
      plan.index,
      found.map((f) => f.line),
    ]);
  return found;
}
