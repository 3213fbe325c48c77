import { runSubgraph } from '@wholechild/shared';
import { createChildWelfareService } from './server';

runSubgraph('child-welfare', createChildWelfareService);
