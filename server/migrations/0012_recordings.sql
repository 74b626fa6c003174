-- Server-side call recording (全通話録音, REQUIREMENTS A8/B3; docs/design/monitoring-and-recording.md):
-- one row per recorded call, its WAV file under TSUNAGU_RECORDINGS_DIR, pauses, retention.

-- Queue policy: may an agent pause the recording (a card number being read), and how long are
-- the queue's recordings kept (180 days, or 360: extended by 180 for the whole queue).
alter table queues add column recording_pause_allowed boolean not null default true;
alter table queues add column recording_retention_days integer not null default 180
  check (recording_retention_days in (180, 360));

create table recordings (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  -- The group (所属) whose supervisors may search, play and extend it: the queue's, or the agent's.
  group_id uuid not null references groups (id),
  -- The SIP Call-ID: the join key with the call records (応対記録) of the call.
  sip_call_id text not null check (char_length(sip_call_id) between 1 and 256),
  agent_id uuid references users (id),
  queue_id uuid references queues (id),
  direction text not null check (direction in ('inbound', 'outbound')),
  customer_number text,
  -- rtpengine's tags of the two parties and of the recorder's subscription.
  customer_tag text not null,
  agent_tag text not null,
  subscriber_tag text not null,
  -- Relative to the recordings directory: <tenant>/<yyyy>/<mm>/<dd>/<id>.wav
  file_path text not null,
  status text not null default 'recording' check (status in ('recording', 'complete', 'failed', 'deleted')),
  failure text,
  pause_allowed boolean not null,
  started_at timestamptz not null,
  ended_at timestamptz,
  duration_ms integer,
  -- [{"startMs": 12000, "endMs": 31000, "by": "<user id>"}], ms from the start of the file.
  pauses jsonb not null default '[]'::jsonb check (jsonb_typeof(pauses) = 'array'),
  -- {"customer": [0.12, …], "agent": […]}: peak per 100 ms, for the player's waveform.
  peaks jsonb,
  sha256 text,
  -- Kept until then, deleted by the daily retention job after it.
  retain_until timestamptz not null,
  retention_extended_days integer not null default 0,
  deleted_at timestamptz,
  unique (tenant_id, sip_call_id)
);

create index recordings_search on recordings (tenant_id, started_at desc);
create index recordings_expiry on recordings (retain_until) where status = 'complete';
create index recordings_live on recordings (sip_call_id) where status = 'recording';
