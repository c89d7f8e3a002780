import {type ApplicationSettings, resolveApplicationSettings} from '../config/application-settings';
import {createSignalProbe} from '../signals/signal-probe';
import {onPaneInterval} from './application/application-probes';
import {type CampaignsSnapshot, createCampaignsProbe} from './campaigns/campaigns-probe';
import {type ConnectionsSnapshot, connectionsProbe} from './connections/connections-probe';
import {createDeadLetterProbe, type DeadLetterSnapshot} from './dlq/dlq-probe';
import {createEmailProbe, type EmailSnapshot} from './emails/emails-probe';
import {
  createIntegrationsProbe,
  type IntegrationsSnapshot,
} from './integrations/integrations-probe';
import {type LocksSnapshot, locksProbe} from './locks/locks-probe';
import type {ProbeDefinition} from './probe-types';

/**
 * What each probe puts into the store, by probe id: the one place that binds an id to its
 * snapshot type. The store, the panes and the alert rules read probe data through it.
 */
export type ProbeSnapshots = {
  connections: ConnectionsSnapshot;
  locks: LocksSnapshot;
  dlq: DeadLetterSnapshot;
  email: EmailSnapshot;
  campaigns: CampaignsSnapshot;
  integrations: IntegrationsSnapshot;
};

/** The id of a probe the cockpit runs. */
export type ProbeId = keyof ProbeSnapshots;

/** Each probe under its id; the compiler checks that a probe's id and snapshot match the map. */
export type ProbeRegistry = {[Id in ProbeId]: ProbeDefinition<ProbeSnapshots[Id], Id>};

/** The probes keyed by id; the application probes read `application`. */
export function probeRegistry(
  application: ApplicationSettings = resolveApplicationSettings(),
): ProbeRegistry {
  return {
    connections: connectionsProbe,
    locks: locksProbe,
    dlq: onPaneInterval(createDeadLetterProbe(application.dlq), application.refreshMs),
    email: onPaneInterval(createEmailProbe(application.emails), application.refreshMs),
    campaigns: onPaneInterval(createCampaignsProbe(application.campaigns), application.refreshMs),
    integrations: {
      ...createIntegrationsProbe(application.integrations, application.secrets),
      fixedInterval: true,
    },
  };
}

/** Every probe the cockpit runs, in pane order. */
export function allProbes(
  application: ApplicationSettings = resolveApplicationSettings(),
): ProbeDefinition[] {
  return [
    ...Object.values(probeRegistry(application)),
    ...(application.signals.map(createSignalProbe) as ProbeDefinition[]),
  ];
}
