/** Vitest setup file: processes are node:worker_threads Workers in the unit tests. */
import { setPlatform } from './platform';
import { nodePlatform } from './node';

setPlatform(nodePlatform);
