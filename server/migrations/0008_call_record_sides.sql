-- A call record (応対記録) belongs to one side of a call. When agent B calls agent A, both
-- softphones file events of the same SIP Call-ID: B's outbound side and A's inbound side. Each
-- is its own record (its agent, their fields, their version), so the callee can complete
-- theirs and leave after-call work; within one side the agent who answers a queue call rung at
-- several agents still takes the record over.
--
-- Existing rows were unique per (tenant, Call-ID), so they stay unique per (tenant, Call-ID,
-- direction): nothing to rewrite. The new key's index starts with (tenant_id, sip_call_id), so
-- finding both sides of a call, or the leg a transfer names, is still one index lookup.

alter table call_records drop constraint call_records_tenant_id_sip_call_id_key;
alter table call_records add constraint call_records_one_per_side unique (tenant_id, sip_call_id, direction);

-- linked_call_id now also links the two sides of a call between agents (same sip_call_id,
-- the other direction); a transfer's other leg (another sip_call_id) takes precedence over it.
