/** The housing (HMIS) catalogue the seed draws from: the continuum of care's projects and who runs them. */

/** A project of the continuum; a victim service provider's records are protected (VAWA). */
export interface ProjectTemplate {
  name: string;
  projectType: string;
  victimServiceProvider: boolean;
}

/** The continuum of care's 25 projects (HMIS 2.02), the same in every county seeded. */
export const PROJECTS: ProjectTemplate[] = [
  ...[
    'Harbor Family Shelter',
    'Eastside Emergency Shelter',
    'Mission Street Shelter',
    'Valley Winter Shelter',
    'Riverside Family Center',
  ].map((name) => ({ name, projectType: 'EMERGENCY_SHELTER', victimServiceProvider: false })),
  ...['Bridge House Transitional', 'Youth Transitional Living Program', 'New Start Transitional Housing'].map(
    (name) => ({
      name,
      projectType: 'TRANSITIONAL_HOUSING',
      victimServiceProvider: false,
    }),
  ),
  ...[
    'Families First Rapid Rehousing',
    'Youth Rapid Rehousing',
    'County Rapid Rehousing',
    'Home Again Rapid Rehousing',
  ].map((name) => ({
    name,
    projectType: 'RAPID_REHOUSING',
    victimServiceProvider: false,
  })),
  ...['Cedar Court Supportive Housing', 'Maple Commons PSH', 'Family Supportive Housing Scattered Site'].map(
    (name) => ({
      name,
      projectType: 'PERMANENT_SUPPORTIVE_HOUSING',
      victimServiceProvider: false,
    }),
  ),
  ...['Downtown Street Outreach', 'Youth Street Outreach', 'Encampment Outreach Team'].map((name) => ({
    name,
    projectType: 'STREET_OUTREACH',
    victimServiceProvider: false,
  })),
  ...['Keep Families Housed Prevention', 'Emergency Rental Assistance', 'Youth Diversion and Prevention'].map(
    (name) => ({
      name,
      projectType: 'HOMELESSNESS_PREVENTION',
      victimServiceProvider: false,
    }),
  ),
  { name: 'Lighthouse Safe Haven', projectType: 'SAFE_HAVEN', victimServiceProvider: false },
  { name: 'Coordinated Entry Access Point', projectType: 'COORDINATED_ENTRY', victimServiceProvider: false },
  { name: 'Safe Passage DV Shelter', projectType: 'EMERGENCY_SHELTER', victimServiceProvider: true },
  {
    name: 'Safe Passage Transitional Housing',
    projectType: 'TRANSITIONAL_HOUSING',
    victimServiceProvider: true,
  },
];

/** Who runs the projects that are not a victim service provider's. */
export const OPERATORS = [
  'County Department of Housing',
  'Salvation Army',
  'Catholic Charities',
  'Youth Services Alliance',
  'Community Action Partnership',
  'Family Promise',
  'Volunteers of America',
];
/** Who runs the victim service provider's projects. */
export const VSP_OPERATOR = 'Safe Passage Domestic Violence Services';
