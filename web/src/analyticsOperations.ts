import { graphql } from './gql';

/** The analyst's operations: population measures of the child index (counts only). */

export const Crossover = graphql(`
  query Crossover($period: AnalyticsPeriodInput!, $systems: [Agency!], $by: [AnalyticsDimension!]) {
    crossover(period: $period, systems: $systems, by: $by) {
      dimensions
      period {
        from
        to
      }
      cells {
        group
        children
        suppressed
      }
      disclosure {
        threshold
        roundingBase
      }
      sources {
        agency
        available
      }
    }
  }
`);

export const EstimateFields = graphql(`
  fragment EstimateFields on Estimate {
    value
    low
    high
  }
`);

export const Disproportionality = graphql(`
  query Disproportionality(
    $system: Agency!
    $period: AnalyticsPeriodInput!
    $by: AnalyticsDimension
    $referenceGroup: String!
  ) {
    disproportionality(system: $system, period: $period, by: $by, referenceGroup: $referenceGroup) {
      referenceGroup
      populationSource
      stages {
        stage
        rows {
          group
          children
          suppressed
          population
          ratePer1000 {
            ...EstimateFields
          }
          relativeRateIndex {
            ...EstimateFields
          }
          disparityIndex {
            ...EstimateFields
          }
          notes
        }
      }
      disclosure {
        threshold
        roundingBase
      }
    }
  }
`);

export const ReferenceGroups = graphql(`
  query ReferenceGroups($by: [AnalyticsDimension!]) {
    referencePopulation(by: $by) {
      group
      count
    }
  }
`);
