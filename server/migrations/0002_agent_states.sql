-- Agent states (A6): the current state of each agent and the history reports are built from.

create table agent_states (
  user_id uuid primary key references users (id) on delete cascade,
  tenant_id uuid not null references tenants (id),
  state text not null check (state in ('offline', 'available', 'not-ready', 'on-call', 'after-call-work')),
  reason text,
  since timestamptz not null default now()
);

create table agent_state_log (
  id bigserial primary key,
  tenant_id uuid not null references tenants (id),
  user_id uuid not null references users (id) on delete cascade,
  state text not null,
  reason text,
  at timestamptz not null default now()
);
create index agent_state_log_by_user_time on agent_state_log (user_id, at);
