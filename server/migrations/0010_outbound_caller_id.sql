-- Outbound caller ID (発信者番号) per agent, beside the one per queue (0009): the PBX asks
-- GET /api/pbx/caller-id which number a call to the phone network presents. And the indexes
-- that keep the routing's "idle since" lookup on agent_state_log logarithmic however long an
-- agent's history grows.

alter table users add column outbound_caller_id text check (outbound_caller_id ~ '^\+?[0-9]{2,15}$');

create index agent_state_log_available_by_user on agent_state_log (user_id, id) where state = 'available';
create index agent_state_log_unavailable_by_user on agent_state_log (user_id, id) where state <> 'available';
