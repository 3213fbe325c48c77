import { runSubgraph } from '@wholechild/shared';
import { createHousingService } from './server';

runSubgraph('housing', createHousingService);
