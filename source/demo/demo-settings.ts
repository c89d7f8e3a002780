import {type ApplicationSettings, resolveApplicationSettings} from '../config/application-settings';
import type {DemoEdgeFunctions} from './demo-edge-functions';

/** The demo's application settings: the default schema mapping, and its local edge functions. */
export function demoApplicationSettings(edgeFunctions: DemoEdgeFunctions): ApplicationSettings {
  return resolveApplicationSettings(
    {
      panes: {
        campaigns: {
          // The scripted stall starts 45 s into a 300 s loop: three quiet minutes reach the
          // stalled state and the campaign-stalled alert before the loop starts again.
          stalledAfterMinutes: 3,
          stopEndpoint: {method: 'POST', url: `${edgeFunctions.url}/api/campaigns/:id/stop`},
        },
      },
      integrations: {
        functions: edgeFunctions.names.map((name) => ({name, timeoutMs: 2000})),
        http: [{name: 'api health', url: `${edgeFunctions.url}/health`, timeoutMs: 2000}],
        intervalMs: 3000,
      },
    },
    // Only the local stand-in sees this key; it is no real project's.
    {SUPABASE_URL: edgeFunctions.url, SUPABASE_SERVICE_ROLE_KEY: 'demo-service-role-key'},
  );
}
