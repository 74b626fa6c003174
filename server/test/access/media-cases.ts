import type { AccessModule } from './access-case';

/** The PBX's queue-media endpoints: its bearer token only, never a session (tokens are tested in scripts/pbx/queue-media.test.ts). */
export const mediaAccessCases: AccessModule = async () => [
  {
    method: 'POST',
    route: '/api/pbx/queue-media',
    url: '/api/pbx/queue-media?call=access-matrix&from=a1&announcement=queue-wait&mode=loop&webrtc=0',
    allowed: [],
    what: "the PBX's early media for a waiting caller without its token",
  },
  { method: 'POST', route: '/api/pbx/queue-media/stop', url: '/api/pbx/queue-media/stop?call=access-matrix&from=a1', allowed: [], what: "the PBX's stop of a waiting caller's media without its token" },
];
