import DataLoader from 'dataloader';
import type { DataSource, ObjectLiteral, Repository } from 'typeorm';
import { AGENCIES, type AgencyCode } from '../agencies';
import { PURPOSES, ROLES, type ViewerClaims } from '../auth/claims';
import { assertMay } from './permissions';
import { errorCodes, fieldError, type FieldError } from '../errors';
import { checkNoNul, isIsoDate } from '../validation';
import { preparedQuery } from '../db/dataSource';
import { readByIdWithRelated } from '../loaders';
import { consentInForce, GRANTOR_TYPES, type AgencyPolicy, type ConsentGrant } from './policy';
import type { AuditWriter } from './audit';
import { teamRecipientErrors } from './consentTables';

export interface ConsentInput {
  sourceSystem: string;
  personExternalId: string;
  grantorType: string;
  grantorName: string;
  categories: string[];
  recipientAgencies: string[];
  recipientRoles?: string[] | null;
  /** Child and Family Teams whose current professional members receive the data (TEAM_MEMBER). */
  recipientTeams?: string[] | null;
  purposes: string[];
  periodStart: string;
  periodEnd?: string | null;
  sourceDocumentRef: string;
}

export type ConsentAmendment = Partial<
  Pick<
    ConsentInput,
    | 'categories'
    | 'recipientAgencies'
    | 'recipientRoles'
    | 'recipientTeams'
    | 'purposes'
    | 'periodEnd'
    | 'sourceDocumentRef'
  >
>;

type ConsentRow = Record<string, unknown>;

function grantOf(r: ConsentRow): ConsentGrant {
  return {
    id: r.id as string,
    personId: r.person_id as string,
    grantorType: r.grantor_type as ConsentGrant['grantorType'],
    categories: r.categories as string[],
    recipientAgencies: r.recipient_agencies as string[],
    recipientRoles: r.recipient_roles as string[],
    recipientTeams: (r.recipient_teams as string[] | undefined) ?? [],
    purposes: r.purposes as string[],
    periodStart: r.period_start as string,
    periodEnd: (r.period_end as string | null) ?? null,
    status: r.status as ConsentGrant['status'],
  };
}

/** Maps a stored consent to the GraphQL Consent. */
export function consentOf(agency: AgencyCode, r: ConsentRow) {
  const g = grantOf(r);
  return {
    ...g,
    agency,
    recordId: g.personId,
    status:
      g.status === 'REVOKED'
        ? 'REVOKED'
        : consentInForce(g) || g.periodStart > new Date().toISOString().slice(0, 10)
          ? 'ACTIVE'
          : 'EXPIRED',
    grantorName: r.grantor_name,
    recordedBy: r.recorded_by,
    sourceDocumentRef: r.source_document_ref,
    revokedAt: r.revoked_at ? (r.revoked_at as Date).toISOString() : null,
    revocationReason: r.revocation_reason ?? null,
    version: r.version,
    updatedAt: (r.updated_at as Date).toISOString(),
  };
}

/** Per request: every consent of the given person records, read fresh (one statement per batch),
 *  so a revocation or expiry takes effect on the very next request. */
export function consentLoader(ds: DataSource) {
  return new DataLoader<string, ConsentGrant[]>(async (personIds) => {
    const rows = await preparedQuery<ConsentRow>(
      ds,
      `SELECT * FROM consent WHERE person_id = ANY($1::uuid[]) AND status = 'ACTIVE'`,
      [[...personIds]],
    );
    const by = new Map<string, ConsentGrant[]>();
    for (const r of rows) {
      const g = grantOf(r);
      by.set(g.personId, [...(by.get(g.personId) ?? []), g]);
    }
    return personIds.map((id) => by.get(id) ?? []);
  });
}

/** The consent columns a decision reads (grantOf). */
const GRANT_COLUMNS = [
  'id',
  'person_id',
  'grantor_type',
  'categories',
  'recipient_agencies',
  'recipient_roles',
  'recipient_teams',
  'purposes',
  'period_start',
  'period_end',
  'status',
] as const;

/** The compiled read of each person table (built once, not per request). */
const personAccessReads = new WeakMap<object, ReturnType<typeof readByIdWithRelated>>();

/** A per-request loader of the person records a decision is about together with their active
 *  consents: one statement (what `oneById` and `consentLoader` read in two). */
export function personAccessLoader(persons: Repository<ObjectLiteral & { id: string }>) {
  let read = personAccessReads.get(persons.metadata);
  if (!read)
    personAccessReads.set(
      persons.metadata,
      (read = readByIdWithRelated(persons, {
        table: 'consent',
        column: 'person_id',
        where: `r.status = 'ACTIVE'`,
        columns: GRANT_COLUMNS,
      })),
    );
  return new DataLoader<string, { person: ObjectLiteral | null; grants: ConsentGrant[] }>(async (ids) =>
    (await read(ids)).map((r) => ({ person: r.row, grants: r.related.map(grantOf) })),
  );
}

function bad(errors: FieldError[]): never {
  throw errorCodes.BAD_USER_INPUT.err(
    `Invalid consent: ${errors.map((e) => `${e.field} ${e.reason}`).join('; ')}`,
    {
      field: errors[0]!.field,
      reason: errors[0]!.reason,
      errors,
    },
  );
}

/** Consents of one agency: recorded, amended and revoked by its own staff, validated against its
 *  policy. Every change is written to the agency's audit trail. */
export class ConsentService {
  constructor(
    private readonly ds: DataSource,
    private readonly policy: AgencyPolicy,
    private readonly personTable: string,
    private readonly ageOf: (person: Record<string, unknown>) => number | null,
    /** SQL over the person table: true when the record may leave the agency at all (housing: not a
     *  DV survivor). A consent cannot disclose a record that never leaves. */
    private readonly leavesSql = 'true',
  ) {}

  private assertKeeper(viewer: ViewerClaims) {
    assertMay(viewer, 'RECORD_CONSENT', { holder: this.policy.agency });
  }

  /** Checks the parts of a consent that stand on their own, and against the policy. */
  private validate(
    c: Omit<ConsentInput, 'sourceSystem' | 'personExternalId'>,
    person: Record<string, unknown> | null,
  ): FieldError[] {
    const errors: FieldError[] = [];
    const known = new Map(this.policy.categories.map((p) => [p.category, p]));
    if (!c.categories.length) errors.push(fieldError('categories', 'REQUIRED', 'name at least one category'));
    for (const cat of c.categories) {
      const p = known.get(cat);
      if (!p)
        errors.push(
          fieldError(
            'categories',
            'INVALID_ENUM',
            `unknown category ${cat}; ${this.policy.agency} has ${[...known.keys()].join(', ')}`,
          ),
        );
      else if (!p.consent)
        errors.push(fieldError('categories', 'INVALID_ENUM', `${cat} can never be disclosed by consent`));
      else if (!p.consent.grantors.includes(c.grantorType as never))
        errors.push(
          fieldError(
            'grantorType',
            'INVALID_ENUM',
            `${cat} needs a consent from ${p.consent.grantors.join(' or ')}`,
          ),
        );
    }
    if (!(GRANTOR_TYPES as readonly string[]).includes(c.grantorType))
      errors.push(fieldError('grantorType', 'INVALID_ENUM'));
    if (c.grantorType === 'ELIGIBLE_STUDENT' && person && (this.ageOf(person) ?? 0) < 18)
      errors.push(fieldError('grantorType', 'DEPENDS_ON', 'an eligible student is 18 or older'));
    errors.push(...teamRecipientErrors(c, known));
    if (c.recipientAgencies.includes(this.policy.agency))
      errors.push(
        fieldError('recipientAgencies', 'OUT_OF_RANGE', 'the recipient cannot be the holder itself'),
      );
    if (c.recipientAgencies.some((a) => !(AGENCIES as readonly string[]).includes(a)))
      errors.push(fieldError('recipientAgencies', 'INVALID_ENUM'));
    if (!c.purposes.length) errors.push(fieldError('purposes', 'REQUIRED', 'name at least one purpose'));
    if (c.purposes.some((p) => !(PURPOSES as readonly string[]).includes(p) || p === 'ANALYTICS'))
      errors.push(fieldError('purposes', 'INVALID_ENUM', 'analytics never receives child-level records'));
    if (!isIsoDate(c.periodStart)) errors.push(fieldError('periodStart', 'INVALID_DATE'));
    if (c.periodEnd != null && !isIsoDate(c.periodEnd)) errors.push(fieldError('periodEnd', 'INVALID_DATE'));
    if (isIsoDate(c.periodStart) && isIsoDate(c.periodEnd) && c.periodEnd < c.periodStart)
      errors.push(fieldError('periodEnd', 'DATE_ORDER', 'the consent ends before it starts'));
    if ((c.recipientRoles ?? []).some((r) => !(ROLES as readonly string[]).includes(r)))
      errors.push(
        fieldError('recipientRoles', 'INVALID_ENUM', `recipient roles must be among ${ROLES.join(', ')}`),
      );
    for (const [field, v] of Object.entries({
      grantorName: c.grantorName,
      sourceDocumentRef: c.sourceDocumentRef,
    })) {
      const e = checkNoNul(field, v);
      if (e) errors.push(e);
    }
    if (!c.grantorName?.trim() || c.grantorName.length > 200)
      errors.push(fieldError('grantorName', 'REQUIRED', 'name the grantor (at most 200 characters)'));
    if (!c.sourceDocumentRef?.trim() || c.sourceDocumentRef.length > 300)
      errors.push(fieldError('sourceDocumentRef', 'REQUIRED', 'reference the signed source document'));
    return errors;
  }

  async record(viewer: ViewerClaims, audit: AuditWriter, input: ConsentInput) {
    this.assertKeeper(viewer);
    const refNul = checkNoNul('personExternalId', input.sourceSystem, input.personExternalId);
    if (refNul) bad([refNul]);
    const [person] = await this.ds.query(
      `SELECT *, (${this.leavesSql}) AS leaves_agency FROM ${this.personTable} WHERE source_system = $1 AND external_id = $2`,
      [input.sourceSystem, input.personExternalId],
    );
    const errors = this.validate(input, person ?? null);
    if (!person) errors.unshift(fieldError('personExternalId', 'UNKNOWN_REFERENCE', 'no such person record'));
    // VAWA (34 U.S.C. 12291(b)(2)): a survivor's record never leaves housing, so no consent can
    // disclose it
    else if (!person.leaves_agency)
      errors.unshift(
        fieldError(
          'personExternalId',
          'OUT_OF_RANGE',
          `this record never leaves ${this.policy.agency}: no consent can disclose it`,
        ),
      );
    if (errors.length) bad(errors);
    const [row] = await this.ds.query(
      `INSERT INTO consent (person_id, grantor_type, grantor_name, recorded_by, categories, recipient_agencies, recipient_roles, purposes,
         period_start, period_end, status, source_document_ref, recipient_teams)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'ACTIVE', $11, $12) RETURNING *`,
      [
        person.id,
        input.grantorType,
        input.grantorName,
        viewer.sub,
        input.categories,
        input.recipientAgencies,
        input.recipientRoles ?? [],
        input.purposes,
        input.periodStart,
        input.periodEnd ?? null,
        input.sourceDocumentRef,
        input.recipientTeams ?? [],
      ],
    );
    await audit({
      childId: null,
      recordIds: [person.id],
      categories: input.categories,
      decision: 'CONSENT_RECORDED',
      rule: 'CONSENT_KEEPER',
      consentId: row.id,
    });
    return consentOf(this.policy.agency, row);
  }

  async amend(viewer: ViewerClaims, audit: AuditWriter, id: string, change: ConsentAmendment) {
    this.assertKeeper(viewer);
    const current = await this.find(id);
    if (current.status === 'REVOKED')
      bad([fieldError('id', 'OUT_OF_RANGE', 'a revoked consent cannot be amended; record a new one')]);
    const merged = {
      grantorType: current.grantor_type as string,
      grantorName: current.grantor_name as string,
      categories: change.categories ?? (current.categories as string[]),
      recipientAgencies: change.recipientAgencies ?? (current.recipient_agencies as string[]),
      recipientRoles: change.recipientRoles ?? (current.recipient_roles as string[]),
      recipientTeams: change.recipientTeams ?? (current.recipient_teams as string[]),
      purposes: change.purposes ?? (current.purposes as string[]),
      periodStart: current.period_start as string,
      periodEnd: change.periodEnd !== undefined ? change.periodEnd : (current.period_end as string | null),
      sourceDocumentRef: change.sourceDocumentRef ?? (current.source_document_ref as string),
    };
    const [person] = await this.ds.query(`SELECT * FROM ${this.personTable} WHERE id = $1`, [
      current.person_id,
    ]);
    const errors = this.validate(merged, person);
    if (errors.length) bad(errors);
    const [row] = await this.ds.query(
      `WITH u AS (UPDATE consent SET categories = $2, recipient_agencies = $3, recipient_roles = $4, purposes = $5, period_end = $6,
         source_document_ref = $7, recipient_teams = $8, version = version + 1, updated_at = now() WHERE id = $1 RETURNING *) SELECT * FROM u`,
      [
        id,
        merged.categories,
        merged.recipientAgencies,
        merged.recipientRoles,
        merged.purposes,
        merged.periodEnd,
        merged.sourceDocumentRef,
        merged.recipientTeams,
      ],
    );
    await audit({
      childId: null,
      recordIds: [current.person_id as string],
      categories: merged.categories,
      decision: 'CONSENT_AMENDED',
      rule: 'CONSENT_KEEPER',
      consentId: id,
    });
    return consentOf(this.policy.agency, row);
  }

  async revoke(viewer: ViewerClaims, audit: AuditWriter, id: string, reason: string) {
    this.assertKeeper(viewer);
    const current = await this.find(id);
    if (!reason?.trim() || reason.length > 500)
      bad([fieldError('reason', 'REQUIRED', 'say why (at most 500 characters)')]);
    const nul = checkNoNul('reason', reason);
    if (nul) bad([nul]);
    const [row] = await this.ds.query(
      `WITH u AS (UPDATE consent SET status = 'REVOKED', revoked_at = COALESCE(revoked_at, now()), revoked_by = COALESCE(revoked_by, $2),
         revocation_reason = COALESCE(revocation_reason, $3), updated_at = now() WHERE id = $1 RETURNING *) SELECT * FROM u`,
      [id, viewer.sub, reason],
    );
    await audit({
      childId: null,
      recordIds: [current.person_id as string],
      categories: current.categories as string[],
      decision: 'CONSENT_REVOKED',
      rule: 'CONSENT_KEEPER',
      consentId: id,
    });
    return consentOf(this.policy.agency, row);
  }

  private async find(id: string): Promise<ConsentRow> {
    const [row] = /^[0-9a-f-]{36}$/i.test(id)
      ? await this.ds.query('SELECT * FROM consent WHERE id = $1', [id])
      : [];
    if (!row) throw errorCodes.NOT_FOUND.err('No such consent', { field: 'id' });
    return row;
  }

  /** All consents (any status) of some person records, for the consent views. */
  async listFor(personIds: string[]) {
    if (!personIds.length) return [];
    const rows: ConsentRow[] = await this.ds.query(
      'SELECT * FROM consent WHERE person_id = ANY($1::uuid[]) ORDER BY created_at',
      [personIds],
    );
    return rows.map((r) => consentOf(this.policy.agency, r));
  }
}
