import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { readConfig } from './app/config';
import { useLocaleStore } from './i18n/locale-store';
import { browserPhoneStoreDependencies, createPhoneStore } from './stores/phone-store';
import { PhoneStoreProvider } from './stores/phone-store-context';
import { TonePlayer } from './telephony';
import './index.css';

const config = readConfig(import.meta.env, window.location);
const phoneStore = createPhoneStore(browserPhoneStoreDependencies(new TonePlayer()));
document.documentElement.lang = useLocaleStore.getState().locale;
window.addEventListener('pagehide', () => void phoneStore.getState().signOut());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <PhoneStoreProvider store={phoneStore}>
      <App config={config} />
    </PhoneStoreProvider>
  </StrictMode>,
);
