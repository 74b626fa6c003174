import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDependencies } from '../app';
import { agentRoutes } from './agent-routes';
import { auditRoutes } from './audit-routes';
import { authRoutes } from './auth-routes';
import { callRecordRoutes } from './call-record-routes';
import { customerRoutes } from './customer-routes';
import { eventRoutes } from './event-routes';
import { faqRoutes } from './faq-routes';
import { healthRoutes } from './health-routes';
import { monitoringRoutes } from './monitoring-routes';
import { pbxMediaRoutes } from './pbx-media-routes';
import { pbxQueueRoutes } from './pbx-queue-routes';
import { pbxRecordingRoutes } from './pbx-recording-routes';
import { pbxRoutes } from './pbx-routes';
import { queueRoutes } from './queue-routes';
import { recordingRoutes } from './recording-routes';

/** Every route module of the API; a new module adds one line. */
export const routeModules: readonly ((deps: AppDependencies) => FastifyPluginAsyncZod)[] = [
  healthRoutes,
  authRoutes,
  auditRoutes,
  agentRoutes,
  eventRoutes,
  callRecordRoutes,
  customerRoutes,
  faqRoutes,
  pbxRoutes,
  pbxQueueRoutes,
  pbxMediaRoutes,
  queueRoutes,
  monitoringRoutes,
  pbxRecordingRoutes,
  recordingRoutes,
];
