import { argon2PasswordHasher } from './adapters/argon2-password-hasher';
import type { ServiceConfig } from './config';
import { DbAgentStateRepository } from './db/agent-state-repository';
import { DbAuditLog } from './db/audit-repository';
import { DbCallRecordRepository } from './db/call-record-repository';
import { DbCustomerRepository } from './db/customer-repository';
import { DbDeskPolicyRepository } from './db/desk-policy-repository';
import type { Database } from './db/database';
import { DbFaqRepository } from './db/faq-repository';
import { DbIdentityRepository } from './db/identity-repository';
import { DbMonitoringSessionRepository } from './db/monitoring-session-repository';
import { DbQueueRepository } from './db/queue-repository';
import { DbRecordingRepository } from './db/recording-repository';
import type { AuditLog } from './domain/audit/audit-log';
import { CallRecordService } from './domain/call-records/call-record-service';
import type { Clock } from './domain/clock';
import { CustomerService } from './domain/customers/customer-service';
import { DeskPolicyService } from './domain/desk/desk-policy-service';
import { FaqService } from './domain/faq/faq-service';
import { IdentityService } from './domain/identity/identity-service';
import type { PasswordHasher } from './domain/identity/password-hasher';
import { AgentStateService } from './domain/live/agent-state-service';
import { LiveEvents } from './domain/live/live-events';
import type { MonitoringMedia } from './domain/monitoring/monitoring-media';
import { MonitoringService } from './domain/monitoring/monitoring-service';
import { RtpengineMonitoringMedia } from './domain/monitoring/rtpengine-monitoring-media';
import { QueueService } from './domain/queues/queue-service';
import type { RecordingMedia } from './domain/recordings/recording-media';
import { RecordingService } from './domain/recordings/recording-service';
import { NgClient } from './media/ng-client';
import { QueueMedia } from './media/queue-media';
import { RtpengineRecordingMedia } from './media/recording-media';

/** Every domain service of the CTI service, wired to its storage. */
export interface Services {
  readonly audit: AuditLog;
  readonly identity: IdentityService;
  readonly passwordHasher: PasswordHasher;
  readonly liveEvents: LiveEvents;
  readonly deskPolicy: DeskPolicyService;
  readonly agentStates: AgentStateService;
  readonly faq: FaqService;
  readonly callRecords: CallRecordService;
  readonly customers: CustomerService;
  readonly queues: QueueService;
  /** Announcements and hold music to waiting callers, through rtpengine. */
  readonly queueMedia: QueueMedia;
  /** Server-side recording of every call, its search, playback and retention. */
  readonly recordings: RecordingService;
  /** Listen, whisper and barge: supervisors' monitoring sessions, media through rtpengine and the service's mixer. */
  readonly monitoring: MonitoringService;
}

/**
 * The composition root of the domain: repositories over `database`, services over them.
 * @remarks One place to add a module: its repository, its service, one line each.
 */
export function createServices(
  database: Database,
  config: ServiceConfig,
  clock: Clock,
  overrides: { readonly recordingMedia?: RecordingMedia; readonly monitoringMedia?: MonitoringMedia } = {},
): Services {
  const audit = new DbAuditLog(database.db);
  const passwordHasher = argon2PasswordHasher;
  const identity = new IdentityService(
    new DbIdentityRepository(database.db),
    passwordHasher,
    audit,
    { sessionTtlMinutes: config.sessionTtlMinutes, sipSharedSecret: config.sip.sharedSecret, sipCredentialTtlSeconds: config.sip.credentialTtlSeconds },
    clock,
  );
  const liveEvents = new LiveEvents();
  const deskPolicy = new DeskPolicyService(new DbDeskPolicyRepository(database.db));
  const agentStates = new AgentStateService(new DbAgentStateRepository(database.db), deskPolicy, liveEvents, clock);
  const faq = new FaqService(new DbFaqRepository(database.db), audit, clock);
  const callRecordRepository = new DbCallRecordRepository(database.db);
  const callRecords = new CallRecordService(callRecordRepository, audit, liveEvents, clock);
  const customers = new CustomerService(new DbCustomerRepository(database.db), callRecordRepository, audit, clock);
  const queues = new QueueService(new DbQueueRepository(database.db), liveEvents, audit, clock);
  // Three attempts of 250 ms: a 503 reaches Kamailio within its 1 s http_client timeout.
  const relay = config.media.rtpengineNg === undefined ? undefined : new NgClient({ ...config.media.rtpengineNg, attemptTimeoutMs: 250, retries: 2 });
  const queueMedia = new QueueMedia({ relay, mediaDir: config.media.dir });
  const recordingMedia = overrides.recordingMedia ?? (relay === undefined ? undefined : new RtpengineRecordingMedia(relay));
  const recordings = new RecordingService(new DbRecordingRepository(database.db), recordingMedia, audit, liveEvents, clock, { dir: config.recordings.dir });
  // Agents are told they are monitored only where the centre's policy says so (A8).
  const monitoringPolicy = { showToAgent: config.monitoring.visibleToAgents };
  const monitoring = new MonitoringService(
    agentStates,
    overrides.monitoringMedia ?? new RtpengineMonitoringMedia(relay),
    new DbMonitoringSessionRepository(database.db),
    audit,
    monitoringPolicy,
    clock,
    liveEvents,
  );
  return { audit, identity, passwordHasher, liveEvents, deskPolicy, agentStates, callRecords, customers, faq, queues, queueMedia, recordings, monitoring };
}
