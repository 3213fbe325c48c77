import { runSubgraph } from '@wholechild/shared';
import { createEducationService } from './server';

runSubgraph('education', createEducationService);
