import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { BrowserAudioDeviceCatalog, MicLevelMeter, openMicrophone } from '../telephony';
import { createPreferencesStore, type PreferencesActions, type PreferencesState, type PreferencesStore, type PreferencesStoreDependencies } from './preferences-store';

const PreferencesStoreContext = createContext<PreferencesStore | undefined>(undefined);

/** The production wiring: this browser's devices, microphone and localStorage. */
export function browserPreferencesDependencies(): PreferencesStoreDependencies {
  return {
    storage: typeof localStorage === 'undefined' ? undefined : localStorage,
    devices: new BrowserAudioDeviceCatalog(),
    openMicrophone,
    createLevelMeter: (stream, onLevel) => new MicLevelMeter(stream, onLevel),
  };
}

let browserStore: PreferencesStore | undefined;

/**
 * The browser's own preferences store, created on first use: what {@link usePreferences}
 * reads when no {@link PreferencesStoreProvider} is above it.
 * @remarks Preferences belong to the browser, not to a signed-in session, so one store per tab is right.
 */
export function browserPreferencesStore(): PreferencesStore {
  browserStore ??= createPreferencesStore(browserPreferencesDependencies());
  return browserStore;
}

/** Makes one preferences store available to the screens below it (tests give each their own). */
export function PreferencesStoreProvider({ store, children }: { store: PreferencesStore; children: ReactNode }) {
  return <PreferencesStoreContext.Provider value={store}>{children}</PreferencesStoreContext.Provider>;
}

/** Reads a slice of the preferences store; re-renders only when that slice changes. */
export function usePreferences<T>(selector: (state: PreferencesState & PreferencesActions) => T): T {
  const store = useContext(PreferencesStoreContext) ?? browserPreferencesStore();
  return useStore(store, selector);
}
