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

-- Tenants that existed before this migration get the usual reasons, so their agents can take a
-- break at once; the administrator edits the list. (A new tenant gets its own from its set-up.)
insert into not_ready_reasons (tenant_id, code, name_ja, name_en, sort_order)
select t.id, r.code, r.name_ja, r.name_en, r.sort_order
  from tenants t
 cross join (values ('break', '休憩', 'Break', 10),
                    ('lunch', '昼休憩', 'Lunch', 20),
                    ('training', '研修', 'Training', 30),
                    ('meeting', 'ミーティング', 'Meeting', 40),
                    ('admin-work', '事務作業', 'Admin work', 50)) as r (code, name_ja, name_en, sort_order);
