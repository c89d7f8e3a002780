import {createContext, type ReactNode, useContext} from 'react';
import {type ApplicationSettings, resolveApplicationSettings} from '../config/application-settings';

const defaults = resolveApplicationSettings();
const SettingsContext = createContext<ApplicationSettings>(defaults);

/** Hands the application panes' configuration down (actions build their SQL and URLs from it). */
export function ApplicationSettingsProvider(props: {
  settings: ApplicationSettings;
  children: ReactNode;
}) {
  return (
    <SettingsContext.Provider value={props.settings}>{props.children}</SettingsContext.Provider>
  );
}

/** The application settings; the defaults (demo schema) when no provider is present. */
export function useApplicationSettings(): ApplicationSettings {
  return useContext(SettingsContext);
}
