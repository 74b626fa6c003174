-- Queues and routing (B6): skills with stable codes, business-hours schedules, queues with the
-- skills they need, and one row per call that entered a queue (live figures and, later, the
-- daily reports: offered, answered, abandoned, answer rate).
--
-- Kamailio asks GET /api/pbx/route which agent takes a call to a queue number; the answer
-- depends on these tables and on agent_states (the longest-idle available agent first).

-- Skills get a stable code (the queue configuration and the PBX speak codes; names are for
-- people). Existing skills get a generated one the administrator may rename.
alter table skills add column code text not null default ('skill-' || substr(replace(gen_random_uuid()::text, '-', ''), 1, 12))
  check (code ~ '^[a-z0-9][a-z0-9-]{0,39}$');
alter table skills add constraint skills_one_code_per_tenant unique (tenant_id, code);

-- Opening hours in Japan time (Asia/Tokyo: UTC+9, no daylight saving time).
create table business_hours_schedules (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  code text not null check (code ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
  name_ja text not null check (char_length(name_ja) between 1 and 50),
  name_en text not null check (char_length(name_en) between 1 and 50),
  -- Opening intervals by ISO weekday (1 = Monday … 7 = Sunday), within one day, closes after
  -- opens, "24:00" for midnight: [{"weekday": 1, "opens": "08:30", "closes": "17:15"}, …]
  weekly_hours jsonb not null default '[]'::jsonb check (jsonb_typeof(weekly_hours) = 'array'),
  -- Closed on Japanese national holidays, 振替休日 and 国民の休日 (computed by the service).
  closed_on_national_holidays boolean not null default true,
  -- Closed every year from one month-day to another, both included, possibly across the new
  -- year: [{"from": "12-29", "to": "01-03", "nameJa": "年末年始", "nameEn": "New Year holidays"}]
  annual_closures jsonb not null default '[]'::jsonb check (jsonb_typeof(annual_closures) = 'array'),
  -- One-off closed days (臨時休業), Japan dates.
  closed_dates date[] not null default '{}',
  unique (tenant_id, code)
);

create table queues (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  -- The group (所属) whose agents take the calls and whose supervisors watch the queue.
  group_id uuid not null references groups (id),
  -- The number callers are routed to (the Request-URI user Kamailio asks about).
  number text not null check (number ~ '^[0-9]{2,8}$'),
  name_ja text not null check (char_length(name_ja) between 1 and 50),
  name_en text not null check (char_length(name_en) between 1 and 50),
  ring_seconds integer not null default 15 check (ring_seconds between 5 and 300),
  max_wait_seconds integer not null default 180 check (max_wait_seconds between 0 and 3600),
  -- Keys of the recorded messages the PBX plays (files of the media server, by key).
  wait_announcement text not null default 'queue-wait' check (wait_announcement ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
  after_hours_announcement text not null default 'after-hours' check (after_hours_announcement ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
  full_announcement text not null default 'queue-full' check (full_announcement ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
  -- Number presented on outbound calls made for this queue (発信者番号); null: the agent's or the centre's.
  outbound_caller_id text check (outbound_caller_id ~ '^\+?[0-9]{2,15}$'),
  schedule_id uuid not null references business_hours_schedules (id),
  -- A supervisor's manual override of the schedule; null: the schedule decides.
  hours_override text check (hours_override in ('open', 'closed')),
  -- Recording policy (全通話録音) for the recording module.
  record_calls boolean not null default true,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  unique (tenant_id, number)
);
create index queues_by_group on queues (group_id);

-- An agent must hold every skill of the queue at min_level or above.
create table queue_skills (
  queue_id uuid not null references queues (id) on delete cascade,
  skill_id uuid not null references skills (id) on delete cascade,
  min_level integer not null default 1 check (min_level between 1 and 5),
  primary key (queue_id, skill_id)
);

-- A call's passage through a queue, keyed by its SIP Call-ID.
create table queue_calls (
  id bigserial primary key,
  tenant_id uuid not null references tenants (id),
  queue_id uuid not null references queues (id),
  sip_call_id text not null check (char_length(sip_call_id) between 1 and 256),
  caller text,
  entered_at timestamptz not null,
  -- Last time the PBX asked about or reported the call: a call it stopped asking about (a PBX
  -- restart) stops counting as waiting.
  last_seen_at timestamptz not null,
  state text not null check (state in ('waiting', 'ringing', 'answered', 'abandoned', 'after-hours')),
  -- While ringing: the extension rung and until when it is kept for this call, so two queue
  -- calls never ring the same agent at once.
  ringing_extension text,
  ringing_until timestamptz,
  answered_by uuid references users (id),
  answered_at timestamptz,
  -- abandoned: 'caller' hung up, or the 'wait-limit' released the call.
  abandon_reason text check (abandon_reason in ('caller', 'wait-limit')),
  ended_at timestamptz,
  unique (queue_id, sip_call_id)
);
create index queue_calls_by_queue_time on queue_calls (queue_id, entered_at);
create index queue_calls_open on queue_calls (tenant_id, ringing_extension) where state in ('waiting', 'ringing');
