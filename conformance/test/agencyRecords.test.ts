import { parse, type DocumentNode } from 'graphql';
import {
  agencyNames,
  agencySdl,
  AGENCY_PREFIX,
  loadConfig,
  schemaOf,
  type AgencyCode,
  type AgencySubgraphService,
  type AgencySubgraphSpec,
  type CreateAgencyOptions,
} from '@wholechild/shared';
import { createTestDatabase } from '@wholechild/shared/testing';
import * as behavioralHealth from '../../subgraphs/behavioral-health/src/server';
import * as childWelfare from '../../subgraphs/child-welfare/src/server';
import * as education from '../../subgraphs/education/src/server';
import * as housing from '../../subgraphs/housing/src/server';
import * as probation from '../../subgraphs/probation/src/server';
import {
  compareEntityWithSdlInput,
  compareEntityWithSdlType,
  compareEntityWithTable,
  compareKindsWithSdlNames,
  compareKindWithEntity,
  type KindPlaces,
  type TableColumn,
} from './recordShape';

/**
 * Each agency declares its record kinds four times: `kinds.ts`, the TypeORM entities, the
 * migrations and `schema.graphql`. This test holds the four together for every kind of every
 * agency, against the tables the agency's real start-up migrates (not the migration files' text),
 * so a field added in one place and not the others fails here, naming where it is missing,
 * rather than at run time in a read or an upsert. The rules are in recordShape.ts.
 */

const config = loadConfig({ WHOLECHILD_MODE: 'development', LOG_LEVEL: 'silent' });

const AGENCIES: Array<
  [AgencyCode, AgencySubgraphSpec, (opts: CreateAgencyOptions) => Promise<AgencySubgraphService>]
> = [
  ['CHILD_WELFARE', childWelfare.spec, childWelfare.createChildWelfareService],
  ['BEHAVIORAL_HEALTH', behavioralHealth.spec, behavioralHealth.createBehavioralHealthService],
  ['PROBATION', probation.spec, probation.createProbationService],
  ['EDUCATION', education.spec, education.createEducationService],
  ['HOUSING', housing.spec, housing.createHousingService],
];

/** Tables every agency's schema holds beside its record tables, made by the kit's shared
 *  migrations (consents, the audit trail and its break-glass notices) and by TypeORM. */
const KIT_TABLES = [
  'consent',
  'audit_event',
  'privacy_notice',
  'migrations',
  'app_role_grant',
  // a convener's Child and Family Teams (the team module)
  'team',
  'team_member',
  'team_meeting',
  'team_meeting_attendee',
  'team_plan_item',
  'team_plan_item_version',
  // webhook notifications: the outbox, the subscriptions, the deliveries and their log
  'event_outbox',
  'webhook_subscription',
  'webhook_delivery',
  'webhook_attempt',
  // every agency's closed-loop referrals, sent and received (the referral module)
  'service_referral',
  'service_referral_event',
  'incoming_service_referral',
  'incoming_service_referral_event',
];

describe('agency records: kinds, entities, tables and SDL agree', () => {
  let db: { url: string; drop(): Promise<void> };
  const services = new Map<AgencyCode, AgencySubgraphService>();
  const tables = new Map<AgencyCode, Map<string, TableColumn[]>>();

  beforeAll(async () => {
    db = await createTestDatabase();
    for (const [agency, spec, create] of AGENCIES) {
      const service = await create({ config, databaseUrl: db.url });
      services.set(agency, service);
      const rows: Array<TableColumn & { table_name: string }> = await service.db.dataSource.query(
        `SELECT table_name, column_name, data_type, character_maximum_length, is_nullable, column_default
           FROM information_schema.columns WHERE table_schema = $1 ORDER BY table_name, ordinal_position`,
        [schemaOf(agencyNames(spec.agency).subgraph)],
      );
      const byTable = new Map<string, TableColumn[]>();
      for (const r of rows) byTable.set(r.table_name, [...(byTable.get(r.table_name) ?? []), r]);
      tables.set(agency, byTable);
    }
  });

  afterAll(async () => {
    for (const s of services.values()) await s.stop();
    await db?.drop();
  });

  /** What the agency's subgraph serves: its schema.graphql with what the kit generates (upserts). */
  const sdlOf = (spec: AgencySubgraphSpec): DocumentNode => parse(agencySdl(spec));

  /** Each kind of the agency with its entity metadata, its migrated table and the agency's SDL. */
  const placesOf = (agency: AgencyCode, spec: AgencySubgraphSpec): KindPlaces[] => {
    const ds = services.get(agency)!.db.dataSource;
    const sdl = sdlOf(spec);
    return [spec.person, ...spec.kinds].map((kind) => {
      const meta = ds.getMetadata(kind.entity);
      return { kind, meta, table: tables.get(agency)!.get(meta.tableName) ?? [], sdl };
    });
  };

  describe('a field added in one place only', () => {
    /** Housing's enrollment, with one of its four declarations changed by `change`. */
    const enrollment = (change: (p: KindPlaces) => KindPlaces) =>
      change(placesOf('HOUSING', housing.spec).find((p) => p.kind.typename === 'HousingEnrollment')!);
    const withSdl = (edit: (sdl: string) => string) => (p: KindPlaces) => ({
      ...p,
      sdl: parse(edit(agencySdl(housing.spec))),
    });

    it('in the SDL (type and input) fails, naming the entity it is missing from', () => {
      const p = enrollment(
        withSdl((sdl) =>
          sdl
            .replace('type HousingEnrollment {', 'type HousingEnrollment {\n  caseNote: String')
            .replace('input HousingEnrollmentInput {', 'input HousingEnrollmentInput {\n  caseNote: String'),
        ),
      );
      expect(compareEntityWithSdlType(p)).toEqual([
        'HousingEnrollment.caseNote: in the SDL type but neither a column of entity HousingEnrollment nor a child list or reference of the kind',
      ]);
      expect(compareEntityWithSdlInput(p)).toEqual([
        'HousingEnrollmentInput.caseNote: in the SDL input but the upsert ignores it (no column of entity HousingEnrollment, no parent of the kind)',
      ]);
    });

    it('missing from the SDL, or required there alone, fails naming the field', () => {
      const p = enrollment(
        withSdl((sdl) =>
          sdl
            .replace(/(type HousingEnrollment \{[^}]*?)\n[^\n]*\n  exitDate: String/, '$1')
            .replace('  exitDate: String\n  "LITERALLY', '  exitDate: String!\n  "LITERALLY'),
        ),
      );
      expect(compareEntityWithSdlType(p)).toEqual([
        'HousingEnrollment.exitDate: in the entity but not in the SDL type',
      ]);
      expect(compareEntityWithSdlInput(p)).toEqual([
        'HousingEnrollmentInput.exitDate: String expected in the SDL input, found String!',
      ]);
    });

    it('in the table or the entity alone fails, naming the other', () => {
      const p = enrollment((e) => ({
        ...e,
        table: [
          ...e.table.filter((c) => c.column_name !== 'exit_date'),
          { ...e.table[0]!, column_name: 'case_note', data_type: 'text' },
        ],
      }));
      expect(compareEntityWithTable(p)).toEqual([
        'HousingEnrollment (entity HousingEnrollment, table enrollment): exitDate is in the entity but the table has no exit_date',
        'HousingEnrollment (entity HousingEnrollment, table enrollment): the table has case_note but the entity has no column for it',
      ]);
    });

    it('a kind rule naming no column fails, naming it', () => {
      const places = placesOf('HOUSING', housing.spec);
      const p = enrollment((e) => ({
        ...e,
        kind: { ...e.kind, enums: { ...e.kind.enums, exitReason: ['X'] } },
      }));
      expect(compareKindWithEntity(p, places)).toEqual([
        'HousingEnrollment: enums.exitReason names no column the upsert writes',
      ]);
    });

    it('a kind whose mutations or lookup the SDL lacks fails, naming them', () => {
      const sdl = parse(
        agencySdl(housing.spec)
          .replace(/\n[^\n]*\n  upsertHousingEnrollments\([^\n]*/, '')
          .replace(/\n[^\n]*\n  ENROLLMENT\n/, '\n'),
      );
      expect(compareKindsWithSdlNames(housing.spec, 'Housing', sdl)).toEqual([
        'enum HousingRecordKind: ENROLLMENT is a kind but not in the SDL',
        'Mutation.upsertHousingEnrollments(records: [HousingEnrollmentInput!]!): UpsertResult!: missing from the SDL',
      ]);
    });
  });

  describe.each(AGENCIES)('%s', (agency, spec) => {
    it('every kind has an entity the data source knows, and every entity is a kind', () => {
      const ds = services.get(agency)!.db.dataSource;
      const kindEntities = [spec.person, ...spec.kinds].map((k) => k.entity);
      expect(
        ds.entityMetadatas.map((m) => m.target).filter((t) => !kindEntities.includes(t as Function)),
      ).toEqual([]);
      for (const k of kindEntities) expect(ds.hasMetadata(k)).toBe(true);
    });

    it("every field a kind's rules name (enums, ranges, parents, lists, references) is a column", () => {
      const places = placesOf(agency, spec);
      expect(places.flatMap((p) => compareKindWithEntity(p, places))).toEqual([]);
    });

    it("every kind's table is migrated with its entity's columns (name, type, length, nullability)", () => {
      expect(placesOf(agency, spec).flatMap(compareEntityWithTable)).toEqual([]);
    });

    it("the agency's schema holds no table beyond its kinds' and the kit's", () => {
      const kindTables = placesOf(agency, spec).map((p) => p.meta.tableName);
      const extra = [...tables.get(agency)!.keys()].filter(
        (t) => !kindTables.includes(t) && !KIT_TABLES.includes(t),
      );
      expect(extra).toEqual([]);
    });

    it("every kind's SDL type shows its columns, child lists and references, and nothing else", () => {
      expect(placesOf(agency, spec).flatMap(compareEntityWithSdlType)).toEqual([]);
    });

    it("every kind's SDL input takes what its upsert writes, required where the column is", () => {
      expect(placesOf(agency, spec).flatMap(compareEntityWithSdlInput)).toEqual([]);
    });

    it('the SDL names every kind: lookup enum and union, section lists, upsert mutations', () => {
      expect(compareKindsWithSdlNames(spec, AGENCY_PREFIX[agency], sdlOf(spec))).toEqual([]);
    });
  });
});
