import { runSubgraph } from '@wholechild/shared';
import { createBehavioralHealthService } from './server';

runSubgraph('behavioral-health', createBehavioralHealthService);
