import type { AccessModule } from './access-case';
import { coreAccessCases } from './core-cases';

/** Every module's access cases; a new API module adds its file here. */
export const accessModules: readonly AccessModule[] = [coreAccessCases];
