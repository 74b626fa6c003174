-- A queue call the PBX stopped asking about (it restarted, or never reported the caller's
-- hang-up) is released by the service's sweep as abandoned, reason 'lost', so the figures and
-- the supervisors' boards do not show it waiting for ever.

alter table queue_calls drop constraint queue_calls_abandon_reason_check;
alter table queue_calls add constraint queue_calls_abandon_reason_check check (abandon_reason in ('caller', 'wait-limit', 'lost'));
