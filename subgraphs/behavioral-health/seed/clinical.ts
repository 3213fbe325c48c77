/** The clinical catalogue the seed draws from: diagnoses, CANS items and assessors. */

/** Mental health diagnoses (ICD-10-CM) and the youngest age they are given at. */
export const MH_DIAGNOSES = [
  { code: 'F43.10', description: 'Post-traumatic stress disorder, unspecified', minAge: 3, weight: 14 },
  {
    code: 'F43.25',
    description: 'Adjustment disorder with mixed disturbance of emotions and conduct',
    minAge: 3,
    weight: 12,
  },
  {
    code: 'F90.2',
    description: 'Attention-deficit hyperactivity disorder, combined type',
    minAge: 4,
    weight: 14,
  },
  { code: 'F91.3', description: 'Oppositional defiant disorder', minAge: 4, weight: 10 },
  { code: 'F84.0', description: 'Autistic disorder', minAge: 2, weight: 5 },
  { code: 'F93.0', description: 'Separation anxiety disorder of childhood', minAge: 3, weight: 5 },
  { code: 'F41.1', description: 'Generalized anxiety disorder', minAge: 8, weight: 12 },
  {
    code: 'F32.1',
    description: 'Major depressive disorder, single episode, moderate',
    minAge: 8,
    weight: 12,
  },
  { code: 'F34.81', description: 'Disruptive mood dysregulation disorder', minAge: 6, weight: 5 },
  { code: 'F94.1', description: 'Reactive attachment disorder of childhood', minAge: 1, weight: 3 },
  { code: 'F43.20', description: 'Adjustment disorder, unspecified', minAge: 0, weight: 4 },
] as const;

/** Substance use disorder diagnoses: 42 CFR Part 2 records. */
export const SUD_DIAGNOSES = [
  { code: 'F12.10', description: 'Cannabis abuse, uncomplicated', weight: 50 },
  { code: 'F10.10', description: 'Alcohol abuse, uncomplicated', weight: 25 },
  { code: 'F12.20', description: 'Cannabis dependence, uncomplicated', weight: 15 },
  { code: 'F11.20', description: 'Opioid dependence, uncomplicated', weight: 10 },
] as const;

/** CANS items by domain (codes as the county's EHR exports them). */
export const CANS_ITEMS: Record<string, readonly string[]> = {
  LIFE_FUNCTIONING: [
    'FAMILY_FUNCTIONING',
    'LIVING_SITUATION',
    'SOCIAL_FUNCTIONING',
    'SCHOOL_ACHIEVEMENT',
    'SCHOOL_ATTENDANCE',
    'SLEEP',
  ],
  BEHAVIORAL_EMOTIONAL_NEEDS: [
    'DEPRESSION',
    'ANXIETY',
    'IMPULSIVITY_HYPERACTIVITY',
    'OPPOSITIONAL',
    'ADJUSTMENT_TO_TRAUMA',
    'ANGER_CONTROL',
    'SUBSTANCE_USE',
  ],
  RISK_BEHAVIORS: [
    'SUICIDE_RISK',
    'NON_SUICIDAL_SELF_INJURY',
    'DANGER_TO_OTHERS',
    'RUNAWAY',
    'DELINQUENT_BEHAVIOR',
  ],
  STRENGTHS: [
    'FAMILY_STRENGTHS',
    'INTERPERSONAL',
    'OPTIMISM',
    'TALENTS_INTERESTS',
    'NATURAL_SUPPORTS',
    'RESILIENCY',
  ],
  CAREGIVER_RESOURCES: [
    'SUPERVISION',
    'INVOLVEMENT_WITH_CARE',
    'KNOWLEDGE',
    'SOCIAL_RESOURCES',
    'FAMILY_STRESS',
  ],
  ACCULTURATION: ['LANGUAGE', 'IDENTITY', 'CULTURAL_STRESS'],
  TRAUMA: [
    'PHYSICAL_ABUSE',
    'NEGLECT',
    'EMOTIONAL_ABUSE',
    'WITNESS_TO_FAMILY_VIOLENCE',
    'COMMUNITY_VIOLENCE',
    'DISRUPTIONS_IN_CAREGIVING',
  ],
};
/** How many items of each domain one seeded CANS rates (10 in all). */
export const CANS_SHAPE: Array<[string, number]> = [
  ['LIFE_FUNCTIONING', 2],
  ['BEHAVIORAL_EMOTIONAL_NEEDS', 3],
  ['RISK_BEHAVIORS', 2],
  ['STRENGTHS', 1],
  ['CAREGIVER_RESOURCES', 1],
  ['TRAUMA', 1],
];

/** Clinicians who rate assessments. */
export const ASSESSORS = [
  'A. Martinez, LMFT',
  'K. Chen, LCSW',
  'R. Johnson, PsyD',
  'S. Patel, LPCC',
  'T. Nguyen, ASW',
  'M. Brooks, AMFT',
  'L. Garcia, LCSW',
];
