-- Recording retention as the contract sells it (REQUIREMENTS A8; docs/design/monitoring-and-recording.md §3.5):
-- an administrator ends a recording's retention early (APPI 消去請求, a contract ending) and the
-- retention job deletes it on its next run, naming why; a queue's retention is any number of
-- days from 1 to 1825 (five years) set by its administrator, no longer only 180 or 360.

-- Who ended the retention early, when and why: the retention job's audit entry carries the reason.
alter table recordings add column retention_ended_at timestamptz;
alter table recordings add column retention_ended_by uuid references users (id);
alter table recordings add column retention_end_reason text
  check (retention_end_reason is null or char_length(retention_end_reason) between 1 and 500);

alter table queues drop constraint if exists queues_recording_retention_days_check;
alter table queues add constraint queues_recording_retention_days_check
  check (recording_retention_days between 1 and 1825);

-- A queue's retained recordings, for extending them all at once.
create index recordings_queue_retained on recordings (queue_id) where status <> 'deleted';
