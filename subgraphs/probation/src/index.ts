import { runSubgraph } from '@wholechild/shared';
import { createProbationService } from './server';

runSubgraph('probation', createProbationService);
