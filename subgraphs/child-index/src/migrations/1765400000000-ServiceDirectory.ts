import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The county's directory of local services, shaped like the Open Referral Human Services Data
 * Specification (HSDS 3.0): organizations, their services, locations (with their addresses), the
 * services offered at each location, the languages a service is offered in, taxonomy terms (needs)
 * and the attributes linking a service to them. Ids are the HSDS ids (UUIDs), so an imported package
 * updates what it imported before. No child in any of it: every organization names the agency that
 * maintains it (only that agency's keepers edit it).
 */
export class ServiceDirectory1765400000000 implements MigrationInterface {
  name = 'ServiceDirectory1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE directory_organization (
      id uuid PRIMARY KEY,
      maintainer_agency varchar(20) NOT NULL,
      name varchar(300) NOT NULL,
      alternate_name varchar(300),
      description text NOT NULL,
      email varchar(200),
      website varchar(500),
      updated_by varchar(200) NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE directory_service (
      id uuid PRIMARY KEY,
      organization_id uuid NOT NULL REFERENCES directory_organization(id),
      name varchar(300) NOT NULL,
      alternate_name varchar(300),
      description text,
      url varchar(500),
      email varchar(200),
      status varchar(20) NOT NULL CHECK (status IN ('active', 'inactive', 'defunct', 'temporarily closed')),
      interpretation_services text,
      application_process text,
      fees_description text,
      eligibility_description text,
      minimum_age integer CHECK (minimum_age >= 0),
      maximum_age integer CHECK (maximum_age >= 0),
      updated_by varchar(200) NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (minimum_age IS NULL OR maximum_age IS NULL OR minimum_age <= maximum_age))`);
    await q.query(`CREATE INDEX directory_service_org_idx ON directory_service (organization_id)`);
    await q.query(`CREATE INDEX directory_service_name_idx ON directory_service (lower(name), id)`);
    await q.query(`CREATE TABLE directory_location (
      id uuid PRIMARY KEY,
      organization_id uuid NOT NULL REFERENCES directory_organization(id),
      location_type varchar(20) NOT NULL DEFAULT 'physical' CHECK (location_type IN ('physical', 'postal', 'virtual')),
      name varchar(300),
      description text,
      latitude double precision,
      longitude double precision)`);
    await q.query(`CREATE TABLE directory_address (
      id uuid PRIMARY KEY,
      location_id uuid NOT NULL REFERENCES directory_location(id),
      address_1 varchar(300) NOT NULL,
      city varchar(100) NOT NULL,
      region varchar(100),
      state_province varchar(100) NOT NULL,
      postal_code varchar(20) NOT NULL,
      country varchar(2) NOT NULL,
      address_type varchar(20) NOT NULL DEFAULT 'physical')`);
    await q.query(`CREATE INDEX directory_address_location_idx ON directory_address (location_id)`);
    await q.query(`CREATE TABLE directory_service_at_location (
      id uuid PRIMARY KEY,
      service_id uuid NOT NULL REFERENCES directory_service(id),
      location_id uuid NOT NULL REFERENCES directory_location(id),
      UNIQUE (service_id, location_id))`);
    await q.query(`CREATE TABLE directory_language (
      id uuid PRIMARY KEY,
      service_id uuid NOT NULL REFERENCES directory_service(id),
      name varchar(100),
      code varchar(12) NOT NULL,
      UNIQUE (service_id, code))`);
    await q.query(`CREATE TABLE directory_taxonomy_term (
      id uuid PRIMARY KEY,
      code varchar(100) NOT NULL UNIQUE,
      name varchar(200) NOT NULL,
      description text,
      taxonomy varchar(100))`);
    // HSDS 3.0 attribute: a taxonomy term linked to a service (link_type/link_entity 'service')
    await q.query(`CREATE TABLE directory_attribute (
      id uuid PRIMARY KEY,
      service_id uuid NOT NULL REFERENCES directory_service(id),
      taxonomy_term_id uuid NOT NULL REFERENCES directory_taxonomy_term(id),
      UNIQUE (service_id, taxonomy_term_id))`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'directory_attribute',
      'directory_taxonomy_term',
      'directory_language',
      'directory_service_at_location',
      'directory_address',
      'directory_location',
      'directory_service',
      'directory_organization',
    ])
      await q.query(`DROP TABLE ${t}`);
  }
}
