import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AgentsApi } from './api/agents-api';
import { ApiClient } from './api/api-client';
import { CallRecordsApi } from './api/call-records-api';
import { App } from './app/app';
import { AppProviders } from './app/app-providers';
import { readConfig } from './app/config';
import { useLocaleStore } from './i18n/locale-store';
import { createDeskStore } from './stores/desk-store';
import { browserPhoneStoreDependencies, createPhoneStore } from './stores/phone-store';
import { createSessionStore } from './stores/session-store';
import { TonePlayer } from './telephony';
import './index.css';

const config = readConfig(import.meta.env, window.location);

/**
 * `vite --mode demo` (npm run dev:demo) only: the mock CTI service answers inside the page
 * (MSW), started before the first request. Other builds never load it.
 */
async function startDemoService(): Promise<void> {
  if (import.meta.env.MODE === 'demo') {
    const { startDemoService: start } = await import('./mocks/browser');
    await start();
  }
}

function startApp(): void {
  const client = new ApiClient();
  const phoneStore = createPhoneStore(browserPhoneStoreDependencies(new TonePlayer()));
  const sessionStore = createSessionStore({ api: client, phone: phoneStore });
  // Before restore(): the desk follows the session from its first change on.
  const deskStore = createDeskStore({
    phone: phoneStore,
    session: sessionStore,
    agents: new AgentsApi(client),
    callRecords: new CallRecordsApi(client),
    storage: localStorage,
  });
  document.documentElement.lang = useLocaleStore.getState().locale;
  // Leaving the page unregisters the phone; the CTI session stays, so a reload resumes it.
  window.addEventListener('pagehide', () => void phoneStore.getState().signOut());
  void sessionStore.getState().restore();

  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  createRoot(root).render(
    <StrictMode>
      <AppProviders stores={{ client, session: sessionStore, phone: phoneStore, desk: deskStore }}>
        <App config={config} />
      </AppProviders>
    </StrictMode>,
  );
}

startDemoService().then(startApp, (error: unknown) => {
  console.error('The demo service could not start; the app talks to the real service instead.', error);
  startApp();
});
