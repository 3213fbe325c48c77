import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FieldNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { DataSource } from 'typeorm';
import { appendAudit, type AuditEntry } from '../access/audit';
import type { ViewerClaims } from '../auth/claims';
import { errorCodes } from '../errors';

/* Every refusal of a subgraph is an audit event (HIPAA 164.312(b), NIST SP 800-53 AU-2): the
 * plugins that write them, apart from the generic ones (plugins.ts) that the gateway loads. */

/** The field a response path names (aliases resolved through the operation and its fragments):
 *  the caller's alias is their own text, the field name is the schema's. */
export function fieldNameAt(
  document: DocumentNode | undefined,
  operation: OperationDefinitionNode | undefined,
  path: ReadonlyArray<string | number> | undefined,
): string | null {
  if (!operation || !path) return null;
  const fragments = new Map(
    (document?.definitions ?? []).flatMap((d) =>
      d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d.selectionSet] as const] : [],
    ),
  );
  const find = (set: SelectionSetNode, key: string, seen = new Set<string>()): FieldNode | undefined => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD && (s.alias ?? s.name).value === key) return s;
      const inner =
        s.kind === Kind.INLINE_FRAGMENT
          ? s.selectionSet
          : s.kind === Kind.FRAGMENT_SPREAD && !seen.has(s.name.value)
            ? (seen.add(s.name.value), fragments.get(s.name.value))
            : undefined;
      const found: FieldNode | undefined = inner && find(inner, key, seen);
      if (found) return found;
    }
    return undefined;
  };
  let set: SelectionSetNode | undefined = operation.selectionSet;
  let name: string | null = null;
  for (const key of path) {
    if (typeof key === 'number') continue;
    const field: FieldNode | undefined = set && find(set, key);
    if (!field) return null;
    name = field.name.value;
    set = field.selectionSet;
  }
  return name;
}

/** The audit rule of a refused field: `FORBIDDEN_` and the field's name in upper snake case
 *  (e.g. FORBIDDEN_CHILD_WELFARE_PERSON_FEED), at most 80 characters (audit_event.rule). */
export function refusalRule(field: string | null): string {
  if (!field) return 'FORBIDDEN';
  const snake = field
    .replace(/^_+/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase();
  return `FORBIDDEN_${snake}`.slice(0, 80);
}

/**
 * Every refusal leaves a trace: each FORBIDDEN error a request raises appends a DENY row to the
 * service's own audit trail, before the response leaves (HIPAA 164.312(b) audit controls; NIST SP
 * 800-53 AU-2: failed access attempts are audit events). One row per refused field and request:
 * rule `FORBIDDEN_<FIELD>`, no categories, no record ids, no child id, no message, no arguments
 * (the arguments are the caller's and may carry what they looked for: AU-3(3), nothing protected).
 * Fail closed: if the row cannot be written the whole response becomes an error (no data).
 *
 * Only requests with a verified viewer reach here: a missing or bad token is refused with 401
 * before a viewer (or a GraphQL request) exists, and is logged by the subgraph service instead.
 *
 * Wiring: agency subgraphs get it from the kit (`createSubgraphService({ …, auditRefusals: true })`).
 * Any other subgraph whose database holds `audit_event` and the `audit_append` function
 * (AUDIT_TABLE_SQL, AuditAppend1732800000000) adds the same one line to its
 * `createSubgraphService` options, or passes `denyAuditPlugin(db.dataSource)` to its own server.
 */
export function denyAuditPlugin<T extends BaseContext & { requestId: string; viewer?: ViewerClaims }>(
  ds: DataSource,
): ApolloServerPlugin<T> {
  return refusalAuditPlugin<T>(denyAuditWriter(ds));
}

/** Writes a request's refusals as DENY rows of `audit_event` (what denyAuditPlugin and a refused
 *  peer route of an agency write). */
export function denyAuditWriter<T extends { requestId: string; viewer?: ViewerClaims }>(
  ds: DataSource,
): RefusalWriter<T> {
  return (ctx, refusals) =>
    appendAudit(
      ds,
      ctx.viewer!,
      ctx.requestId,
      [...new Set(refusals.map((r) => refusalRule(r.field)))].map((rule): AuditEntry => ({
        childId: null,
        recordIds: [],
        categories: [],
        decision: 'DENY',
        rule,
        consentId: null,
      })),
    );
}

/** One refused field of a request: its name in the schema (aliases resolved), and the refusal. */
export interface Refusal {
  field: string | null;
  message: string;
}

/** What writes a request's refusals to a service's trail (awaited before the response leaves). */
export type RefusalWriter<T> = (ctx: T, refusals: Refusal[]) => Promise<unknown>;

/** The mechanism under denyAuditPlugin, for a service whose trail is not `audit_event` (the child
 *  index's `index_access_event`): each FORBIDDEN error of a request with a verified viewer is
 *  handed to `write`, once per refused field; if the write fails the response becomes an error. */
export function refusalAuditPlugin<T extends BaseContext & { viewer?: ViewerClaims }>(
  write: RefusalWriter<T>,
): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, document, operation }) {
          if (!contextValue.viewer) return;
          const refusals = new Map<string | null, Refusal>();
          for (const error of errors) {
            const original = unwrapResolverError(error);
            const code = original instanceof GraphQLError ? original.extensions?.code : undefined;
            if (code !== errorCodes.FORBIDDEN.code) continue;
            const field = fieldNameAt(document, operation, error.path);
            if (!refusals.has(field))
              refusals.set(field, { field, message: (original as GraphQLError).message });
          }
          // Throwing here turns the response into an internal error: no data without the audit.
          if (refusals.size) await write(contextValue, [...refusals.values()]);
        },
      };
    },
  };
}
