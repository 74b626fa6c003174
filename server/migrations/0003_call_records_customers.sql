-- Call records (応対記録, A9) and customers (顧客情報, A11): the client's personal data. Each row
-- belongs to one group (所属); the service lets only that group (and administrators) read it,
-- and writes every read and change to the audit log (C1).

-- Codes the agent files a call under, per tenant, in Japanese and English.
create table inquiry_categories (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  name_ja text not null check (char_length(name_ja) between 1 and 50),
  name_en text not null check (char_length(name_en) between 1 and 50),
  -- Retired codes stay on old records but are no longer offered.
  active boolean not null default true,
  sort_order integer not null default 0,
  unique (tenant_id, name_ja)
);

create table dispositions (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  name_ja text not null check (char_length(name_ja) between 1 and 50),
  name_en text not null check (char_length(name_en) between 1 and 50),
  active boolean not null default true,
  sort_order integer not null default 0,
  unique (tenant_id, name_ja)
);

create table customers (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  group_id uuid not null references groups (id),
  name text not null check (char_length(name) between 1 and 100),
  -- フリガナ, stored in katakana.
  name_kana text check (char_length(name_kana) <= 100),
  email text check (char_length(email) <= 254),
  address text check (char_length(address) <= 300),
  notes text not null default '' check (char_length(notes) <= 10000),
  -- What free-text search looks in. Japanese has no word boundaries, so search is by
  -- substring over trigrams; spaces are dropped so 山田太郎 finds 山田 太郎.
  search_text text generated always as (
    replace(replace(name || E'\n' || coalesce(name_kana, '') || E'\n' || notes, ' ', ''), '　', '')
  ) stored,
  -- Optimistic concurrency: every change adds one; a change based on an older version is refused.
  version integer not null default 1 check (version > 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index customers_by_tenant_created on customers (tenant_id, created_at desc, id desc);
create index customers_search_trgm on customers using gin (search_text gin_trgm_ops);

-- A customer's numbers, in E.164. Within a group a number belongs to one customer, so a
-- screen pop finds at most one customer per group.
create table customer_phones (
  customer_id uuid not null references customers (id) on delete cascade,
  tenant_id uuid not null references tenants (id),
  group_id uuid not null references groups (id),
  e164 text not null check (e164 ~ '^\+[1-9][0-9]{6,14}$'),
  label text not null check (label in ('mobile', 'home', 'work', 'fax', 'other')),
  position smallint not null default 0,
  primary key (customer_id, e164)
);
-- (tenant, e164) first: the same index serves the uniqueness and a lookup across groups.
create unique index customer_phones_unique_in_group on customer_phones (tenant_id, e164, group_id);

create table call_records (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  -- The owning group: the agent's group (所属).
  group_id uuid not null references groups (id),
  agent_id uuid references users (id),
  sip_call_id text not null check (char_length(sip_call_id) between 1 and 256),
  direction text not null check (direction in ('inbound', 'outbound')),
  -- E.164 when a phone number, else the extension; null when the caller withheld it (非通知).
  local_number text,
  remote_number text,
  customer_id uuid references customers (id) on delete set null,
  queue text,
  -- Derived from the call's events (call_record_events) whenever one arrives, in any order.
  phase text not null check (phase in ('offered', 'answered', 'held', 'resumed', 'transferred', 'ended')),
  started_at timestamptz not null,
  offered_at timestamptz,
  answered_at timestamptz,
  ended_at timestamptz,
  held_seconds integer not null default 0 check (held_seconds >= 0),
  duration_seconds integer check (duration_seconds >= 0),
  end_reason text check (end_reason in ('completed', 'abandoned', 'no-answer', 'rejected', 'busy', 'failed', 'transferred')),
  transferred_to text,
  -- The other leg of a transfer.
  linked_call_id uuid references call_records (id) on delete set null,
  recording_ref text,
  -- The agent's part.
  category_id uuid references inquiry_categories (id),
  notes text not null default '' check (char_length(notes) <= 10000),
  disposition_id uuid references dispositions (id),
  follow_up_at date,
  -- Optimistic concurrency of the agent's part only: call events do not change it, so a form
  -- opened during the call can still be saved after the hang-up.
  version integer not null default 1 check (version > 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, sip_call_id)
);
-- Lists are newest first with the id as tie-break (cursor pagination on (started_at, id)).
create index call_records_by_tenant_time on call_records (tenant_id, started_at desc, id desc);
create index call_records_by_group_time on call_records (group_id, started_at desc, id desc);
create index call_records_by_agent_time on call_records (agent_id, started_at desc, id desc);
create index call_records_by_number on call_records (tenant_id, remote_number, started_at desc);
create index call_records_by_customer on call_records (customer_id, started_at desc) where customer_id is not null;
create index call_records_notes_trgm on call_records using gin (notes gin_trgm_ops);

-- Every call event as the softphone reported it. A replay (same phase, same instant) is a
-- duplicate key and changes nothing; the record's times are derived from all of them.
create table call_record_events (
  id bigserial primary key,
  call_record_id uuid not null references call_records (id) on delete cascade,
  tenant_id uuid not null references tenants (id),
  -- Who filed it (the agent whose softphone saw the event).
  agent_id uuid references users (id),
  phase text not null check (phase in ('offered', 'answered', 'held', 'resumed', 'transferred', 'ended')),
  at timestamptz not null,
  end_reason text check (end_reason in ('rejected', 'busy', 'failed')),
  transferred_to text,
  linked_sip_call_id text,
  received_at timestamptz not null default now(),
  unique (call_record_id, phase, at)
);
create index call_record_events_by_link on call_record_events (tenant_id, linked_sip_call_id) where linked_sip_call_id is not null;
