-- Monitoring sessions (通話監視: listen / whisper / barge, docs/design/monitoring-and-recording.md §3.4),
-- kept so that a service restart never leaves a party deaf: while a supervisor whispers or
-- barges, rtpengine sends the agent's (and the customer's) ears from the service's mixer; a
-- restarted service finds the sessions still open here and puts the call's media back.

create table monitoring_sessions (
  id uuid primary key,
  tenant_id uuid not null references tenants (id),
  -- The monitored call's SIP Call-ID (rtpengine's call-id).
  sip_call_id text not null check (char_length(sip_call_id) between 1 and 256),
  -- rtpengine's tags of the two SIP parties, and how each is carried (webrtc | plain):
  -- what undoing a re-point needs (subscribe the party to the other party again).
  customer_tag text not null,
  agent_tag text not null,
  customer_profile text not null check (customer_profile in ('webrtc', 'plain')),
  agent_profile text not null check (agent_profile in ('webrtc', 'plain')),
  -- The session's own tags in the call: {"input": "mon-…", "supervisor": "sv-…",
  -- "mixForSupervisor": "mix-sv-…", "mixForAgent": "mix-agent-…", "mixForCustomer": "mix-customer-…"}.
  own_tags jsonb not null check (jsonb_typeof(own_tags) = 'object'),
  supervisor_id uuid not null references users (id),
  supervisor_name text not null,
  agent_id uuid not null references users (id),
  agent_name text not null,
  -- The agent's groups when the session started: whose supervisors may see it.
  agent_group_ids uuid[] not null default '{}',
  mode text not null check (mode in ('listen', 'whisper', 'barge')),
  started_at timestamptz not null,
  mode_changed_at timestamptz,
  ended_at timestamptz,
  end_reason text check (end_reason in ('stopped', 'call-ended', 'service-stopped', 'service-restart')),
  check ((ended_at is null) = (end_reason is null))
);

-- What a starting service looks for.
create index monitoring_sessions_open on monitoring_sessions (started_at) where ended_at is null;
create index monitoring_sessions_call on monitoring_sessions (tenant_id, sip_call_id);
