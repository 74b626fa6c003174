-- Identity: tenants (contracts), groups (所属), users with one role, skills, sessions; and the
-- append-only audit log every other module writes to.

create extension if not exists pg_trgm;

create table tenants (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  -- Concurrent-seat licence: how many users may be signed in at once.
  seat_limit integer not null check (seat_limit > 0),
  created_at timestamptz not null default now()
);

create table groups (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  name text not null,
  created_at timestamptz not null default now(),
  unique (tenant_id, name)
);

create table users (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  -- The login id; unique across the platform so sign-in needs no tenant code.
  username text not null unique check (username ~ '^[a-z0-9._@-]{3,64}$'),
  display_name text not null check (length(display_name) between 1 and 100),
  role text not null check (role in ('administrator', 'supervisor', 'agent')),
  password_hash text not null,
  -- The SIP extension this user's softphone registers as.
  sip_user text check (sip_user ~ '^[0-9A-Za-z._-]{1,32}$'),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  unique (tenant_id, sip_user)
);

create table user_groups (
  user_id uuid not null references users (id) on delete cascade,
  group_id uuid not null references groups (id) on delete cascade,
  primary key (user_id, group_id)
);

create table skills (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  name text not null,
  unique (tenant_id, name)
);

create table user_skills (
  user_id uuid not null references users (id) on delete cascade,
  skill_id uuid not null references skills (id) on delete cascade,
  level integer not null default 1 check (level between 1 and 5),
  primary key (user_id, skill_id)
);

create table sessions (
  -- SHA-256 of the cookie's token: a leaked table does not give working cookies.
  id text primary key,
  user_id uuid not null references users (id) on delete cascade,
  tenant_id uuid not null references tenants (id),
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ended_at timestamptz,
  ip text,
  user_agent text
);
create index sessions_active_by_tenant on sessions (tenant_id) where ended_at is null;
create index sessions_by_user on sessions (user_id) where ended_at is null;

create table audit_log (
  id bigserial primary key,
  tenant_id uuid references tenants (id),
  at timestamptz not null default now(),
  actor_id uuid,
  actor_name text,
  -- e.g. 'read', 'create', 'update', 'export', 'login', 'login-failed', 'logout'
  action text not null,
  -- e.g. 'call-record', 'customer', 'recording', 'faq-article', 'session'
  resource_type text not null,
  resource_id text,
  ip text,
  user_agent text,
  detail jsonb not null default '{}'::jsonb
);
create index audit_log_by_tenant_time on audit_log (tenant_id, at desc);
create index audit_log_by_resource on audit_log (resource_type, resource_id);

-- The audit log is evidence (contract: reconstruct incidents from logs): rows are never changed or removed.
create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end;
$$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_is_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_is_append_only();
