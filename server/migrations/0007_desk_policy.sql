-- The agent desk's policy (A6): the reasons an agent may give for not-ready (休憩, 昼休憩, 研修…)
-- and how after-call work (後処理) ends, per tenant. The service checks every not-ready reason
-- against this list; the softphone reads both through GET /api/agents/me/desk-policy.

create table not_ready_reasons (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  -- Stable code sent by the softphone and shown on live events; names are for people.
  code text not null check (code ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
  name_ja text not null check (char_length(name_ja) between 1 and 50),
  name_en text not null check (char_length(name_en) between 1 and 50),
  sort_order integer not null default 0,
  -- Retired reasons stay on the state history but can no longer be chosen.
  active boolean not null default true,
  unique (tenant_id, code)
);
create index not_ready_reasons_by_tenant on not_ready_reasons (tenant_id, sort_order) where active;

-- One row per tenant; a tenant without one ends after-call work by hand and requires nothing.
create table desk_policies (
  tenant_id uuid primary key references tenants (id),
  -- After this many seconds of after-call work the agent becomes available by itself; null: only by hand.
  acw_auto_available_seconds integer check (acw_auto_available_seconds between 1 and 86400),
  -- Call-record fields that must be filled before the agent may leave after-call work.
  acw_required_fields text[] not null default '{}'
    check (acw_required_fields <@ array['categoryId', 'dispositionId', 'notes']::text[]),
  updated_at timestamptz not null default now()
);
