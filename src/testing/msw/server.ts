import { setupServer } from 'msw/node';
import { handlers } from './handlers';

/** The mock CTI service for Vitest (msw/node intercepts fetch and WebSocket). */
export const server = setupServer(...handlers);
