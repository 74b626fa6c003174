import type { AccessModule } from './access-case';
import { callRecordAccessCases } from './call-record-cases';
import { coreAccessCases } from './core-cases';
import { customerAccessCases } from './customer-cases';
import { faqAccessCases } from './faq-cases';
import { mediaAccessCases } from './media-cases';
import { monitoringAccessCases } from './monitoring-cases';
import { queueAccessCases } from './queue-cases';
import { recordingAccessCases } from './recording-cases';

/** Every module's access cases; a new API module adds its file here. */
export const accessModules: readonly AccessModule[] = [coreAccessCases, callRecordAccessCases, customerAccessCases, faqAccessCases, queueAccessCases, mediaAccessCases, monitoringAccessCases, recordingAccessCases];
