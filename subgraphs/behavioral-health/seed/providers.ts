/** The behavioral health catalogue the seed draws from: its programs and provider network. */
import type { Rng } from '@wholechild/shared';
import { isValidNpi } from '../src/kinds';

/** A program of care the county runs. */
export type Program = (typeof PROGRAM_RULES)[number]['program'];

/** Programs, who they serve (minimum age), their level of care and typical length (days). */
export const PROGRAM_RULES = [
  { program: 'OUTPATIENT_MENTAL_HEALTH', minAge: 2, level: 'OUTPATIENT', days: [60, 540], weight: 50 },
  {
    program: 'INTENSIVE_HOME_BASED_SERVICES',
    minAge: 2,
    level: 'INTENSIVE_OUTPATIENT',
    days: [60, 270],
    weight: 10,
  },
  {
    program: 'INTENSIVE_CARE_COORDINATION',
    minAge: 4,
    level: 'INTENSIVE_OUTPATIENT',
    days: [90, 365],
    weight: 10,
  },
  { program: 'WRAPAROUND', minAge: 6, level: 'INTENSIVE_OUTPATIENT', days: [120, 450], weight: 8 },
  {
    program: 'FULL_SERVICE_PARTNERSHIP',
    minAge: 16,
    level: 'INTENSIVE_OUTPATIENT',
    days: [180, 720],
    weight: 5,
  },
  { program: 'CRISIS_STABILIZATION', minAge: 6, level: 'CRISIS', days: [1, 3], weight: 7 },
  { program: 'SUD_OUTPATIENT', minAge: 12, level: 'OUTPATIENT', days: [60, 240], weight: 0 },
  { program: 'SUD_RESIDENTIAL', minAge: 12, level: 'RESIDENTIAL', days: [30, 90], weight: 0 },
] as const;

/** The county's provider network: which programs each provider runs. */
export const PROVIDER_TEMPLATES: Array<{ name: string; type: string; programs: Program[] }> = [
  {
    name: 'County Children’s Mental Health Clinic — Central',
    type: 'COUNTY_CLINIC',
    programs: ['OUTPATIENT_MENTAL_HEALTH', 'INTENSIVE_CARE_COORDINATION'],
  },
  {
    name: 'County Children’s Mental Health Clinic — North',
    type: 'COUNTY_CLINIC',
    programs: ['OUTPATIENT_MENTAL_HEALTH', 'INTENSIVE_CARE_COORDINATION'],
  },
  {
    name: 'County Children’s Mental Health Clinic — South',
    type: 'COUNTY_CLINIC',
    programs: ['OUTPATIENT_MENTAL_HEALTH', 'INTENSIVE_CARE_COORDINATION'],
  },
  {
    name: 'County Youth Crisis Stabilization Unit',
    type: 'COUNTY_CLINIC',
    programs: ['CRISIS_STABILIZATION'],
  },
  {
    name: 'Family Partners Wraparound',
    type: 'CONTRACTED_ORGANIZATION',
    programs: ['WRAPAROUND', 'INTENSIVE_HOME_BASED_SERVICES', 'INTENSIVE_CARE_COORDINATION'],
  },
  {
    name: 'Seneca Family of Agencies',
    type: 'CONTRACTED_ORGANIZATION',
    programs: ['WRAPAROUND', 'INTENSIVE_HOME_BASED_SERVICES', 'CRISIS_STABILIZATION'],
  },
  {
    name: 'Pathways Youth Full Service Partnership',
    type: 'CONTRACTED_ORGANIZATION',
    programs: ['FULL_SERVICE_PARTNERSHIP', 'OUTPATIENT_MENTAL_HEALTH'],
  },
  {
    name: 'New Directions Adolescent Recovery',
    type: 'CONTRACTED_ORGANIZATION',
    programs: ['SUD_OUTPATIENT'],
  },
  {
    name: 'Horizon Youth Residential Treatment',
    type: 'CONTRACTED_ORGANIZATION',
    programs: ['SUD_RESIDENTIAL'],
  },
  {
    name: 'Valley Teen Recovery Services',
    type: 'CONTRACTED_ORGANIZATION',
    programs: ['SUD_OUTPATIENT', 'SUD_RESIDENTIAL'],
  },
  { name: 'La Clínica de la Comunidad', type: 'FQHC', programs: ['OUTPATIENT_MENTAL_HEALTH'] },
  {
    name: 'Eastside Community Health Center',
    type: 'FQHC',
    programs: ['OUTPATIENT_MENTAL_HEALTH', 'SUD_OUTPATIENT'],
  },
  { name: 'Dr. Maya Okafor, PsyD', type: 'INDIVIDUAL_PRACTITIONER', programs: ['OUTPATIENT_MENTAL_HEALTH'] },
  { name: 'Daniel Reyes, LMFT', type: 'INDIVIDUAL_PRACTITIONER', programs: ['OUTPATIENT_MENTAL_HEALTH'] },
  {
    name: 'Priya Nair, LCSW',
    type: 'INDIVIDUAL_PRACTITIONER',
    programs: ['OUTPATIENT_MENTAL_HEALTH', 'INTENSIVE_HOME_BASED_SERVICES'],
  },
];

/** Streets of the providers' addresses. */
export const STREETS = [
  'Main St',
  'Oak Ave',
  'Mission Blvd',
  'Center St',
  'Valley Rd',
  'Harbor Way',
  'Pine St',
  'Lincoln Ave',
];

/** Why an episode of care ended, by how often. */
export const DISCHARGE_REASONS = [
  ['TREATMENT_COMPLETED', 40],
  ['GOALS_PARTIALLY_MET', 20],
  ['LEFT_BEFORE_COMPLETION', 15],
  ['REFERRED_ELSEWHERE', 10],
  ['MOVED_OUT_OF_COUNTY', 7],
  ['AGED_OUT', 2],
  ['INCARCERATED', 2],
  ['OTHER', 4],
] as const;

/** A valid NPI: 9 random digits (first 1 or 2) and the Luhn check digit over `80840` + them. */
export function makeNpi(rng: Rng): string {
  const base = `${rng.int(1, 2)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
  for (let d = 0; d <= 9; d++) if (isValidNpi(`${base}${d}`)) return `${base}${d}`;
  throw new Error('unreachable: every NPI prefix has one check digit');
}
