import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiClient } from './api/api-client';
import { App } from './app/app';
import { readConfig } from './app/config';
import { useLocaleStore } from './i18n/locale-store';
import { browserPhoneStoreDependencies, createPhoneStore } from './stores/phone-store';
import { PhoneStoreProvider } from './stores/phone-store-context';
import { createSessionStore } from './stores/session-store';
import { SessionStoreProvider } from './stores/session-store-context';
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
  const phoneStore = createPhoneStore(browserPhoneStoreDependencies(new TonePlayer()));
  const sessionStore = createSessionStore({ api: new ApiClient(), phone: phoneStore });
  document.documentElement.lang = useLocaleStore.getState().locale;
  // Leaving the page unregisters the phone; the CTI session stays, so a reload resumes it.
  window.addEventListener('pagehide', () => void phoneStore.getState().signOut());
  void sessionStore.getState().restore();

  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  createRoot(root).render(
    <StrictMode>
      <SessionStoreProvider store={sessionStore}>
        <PhoneStoreProvider store={phoneStore}>
          <App config={config} />
        </PhoneStoreProvider>
      </SessionStoreProvider>
    </StrictMode>,
  );
}

startDemoService().then(startApp, (error: unknown) => {
  console.error('The demo service could not start; the app talks to the real service instead.', error);
  startApp();
});
