import type { AccessModule } from './access-case';
import { callRecordAccessCases } from './call-record-cases';
import { coreAccessCases } from './core-cases';
import { customerAccessCases } from './customer-cases';

/** Every module's access cases; a new API module adds its file here. */
export const accessModules: readonly AccessModule[] = [coreAccessCases, callRecordAccessCases, customerAccessCases];
