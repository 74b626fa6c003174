import type { AccessModule } from './access-case';

/**
 * Recordings: the agent of a call pauses and resumes its recording; supervisors of the group
 * and administrators search, play, download and extend; administrators alone end a
 * recording's retention early; the PBX's triggers take its token only.
 */
export const recordingAccessCases: AccessModule = async (testApp) => {
  const { recordings } = testApp.services;
  // A finished recording of a call 1001 (group A) took, and one still running.
  const finished = await recordings.startFromPbx({ sipCallId: 'access-rec-done', fromTag: 'c1', toTag: 'a1', caller: '0312345678', callee: '1001', queue: null, agent: null });
  const live = await recordings.startFromPbx({ sipCallId: 'access-rec-live', fromTag: 'c2', toTag: 'a2', caller: '0312345679', callee: '1001', queue: null, agent: null });
  // One whose retention the administrator ends (it then waits for deletion).
  const erased = await recordings.startFromPbx({ sipCallId: 'access-rec-erased', fromTag: 'c3', toTag: 'a3', caller: '0312345670', callee: '1001', queue: null, agent: null });
  if (!finished.recording || !live.recording || !erased.recording) throw new Error('the access fixture could not start its recordings');
  await recordings.stop('access-rec-done');
  await recordings.stop('access-rec-erased');
  const id = finished.recordingId;
  return [
    { method: 'GET', route: '/api/call-records/by-call-id/:sipCallId/recording', url: '/api/call-records/by-call-id/access-rec-live/recording', allowed: ['agent-a'], what: "my call's recording flag" },
    { method: 'POST', route: '/api/call-records/by-call-id/:sipCallId/recording/pause', url: '/api/call-records/by-call-id/access-rec-live/recording/pause', allowed: ['agent-a'], what: 'pause the recording of my call' },
    { method: 'POST', route: '/api/call-records/by-call-id/:sipCallId/recording/resume', url: '/api/call-records/by-call-id/access-rec-live/recording/resume', allowed: ['agent-a'], what: 'resume the recording of my call' },
    { method: 'GET', route: '/api/recordings', url: '/api/recordings', allowed: ['admin', 'sv-a', 'sv-b'], what: "search my groups' recordings" },
    { method: 'GET', route: '/api/recordings/:id', url: `/api/recordings/${id}`, allowed: ['admin', 'sv-a'], what: 'a group-A recording with its waveform' },
    { method: 'GET', route: '/api/recordings/:id/audio', url: `/api/recordings/${id}/audio`, allowed: ['admin', 'sv-a'], what: 'play a group-A recording' },
    { method: 'POST', route: '/api/recordings/:id/extend', url: `/api/recordings/${id}/extend`, allowed: ['admin', 'sv-a'], what: "extend a group-A recording's retention" },
    {
      method: 'POST',
      route: '/api/recordings/:id/end-retention',
      url: `/api/recordings/${erased.recordingId}/end-retention`,
      body: { reason: 'access matrix: an erasure request' },
      allowed: ['admin'],
      what: "end a group-A recording's retention early",
    },
    {
      method: 'POST',
      route: '/api/pbx/recordings/start',
      url: '/api/pbx/recordings/start?call=access-matrix&from=f&to=t&caller=0312345678&callee=1001',
      allowed: [],
      what: "the PBX's recording trigger without its token",
    },
    { method: 'POST', route: '/api/pbx/recordings/stop', url: '/api/pbx/recordings/stop?call=access-matrix', allowed: [], what: "the PBX's recording stop without its token" },
  ];
};
