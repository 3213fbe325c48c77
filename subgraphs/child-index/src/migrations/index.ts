import { Initial1732500000000 } from './1732500000000-Initial';
import { ExistenceProtected1732600000000 } from './1732600000000-ExistenceProtected';
import { LinkHistory1732700000000 } from './1732700000000-LinkHistory';
import { ProbabilisticLinking1732800000000 } from './1732800000000-ProbabilisticLinking';
import { LinkGeneration1732900000000 } from './1732900000000-LinkGeneration';
import { IndexAuditTrail1733000000000 } from './1733000000000-IndexAuditTrail';
import { RecordNaturalKey1733100000000 } from './1733100000000-RecordNaturalKey';
import { ReferencePopulation1733200000000 } from './1733200000000-ReferencePopulation';
import { FamilyLanguage1733300000000 } from './1733300000000-FamilyLanguage';
import { ServiceDirectory1765400000000 } from './1765400000000-ServiceDirectory';
import { FeedCaughtUp1765600000000 } from './1765600000000-FeedCaughtUp';

/** The child index's migrations, in order (the service and the maintenance commands run them). */
export const INDEX_MIGRATIONS = [
  Initial1732500000000,
  ExistenceProtected1732600000000,
  LinkHistory1732700000000,
  ProbabilisticLinking1732800000000,
  LinkGeneration1732900000000,
  IndexAuditTrail1733000000000,
  RecordNaturalKey1733100000000,
  ReferencePopulation1733200000000,
  FamilyLanguage1733300000000,
  ServiceDirectory1765400000000,
  FeedCaughtUp1765600000000,
];
