import type {ApplicationSettings} from '../../config/application-settings';
import {createCampaignsProbe} from '../campaigns/campaigns-probe';
import {createDeadLetterProbe} from '../dlq/dlq-probe';
import {createEmailProbe} from '../emails/emails-probe';
import {createIntegrationsProbe} from '../integrations/integrations-probe';
import type {ProbeDefinition} from '../probe-types';

/**
 * The application panes' probes (ids `dlq`, `email`, `campaigns`, `integrations`), each on its
 * own fixed interval: their tables change slower than sessions and locks, and reading them is
 * the expensive part of a refresh, so a faster `--refresh` does not make them run more often.
 */
export function applicationProbes(settings: ApplicationSettings): ProbeDefinition[] {
  return [
    onPaneInterval(createDeadLetterProbe(settings.dlq), settings.refreshMs),
    onPaneInterval(createEmailProbe(settings.emails), settings.refreshMs),
    onPaneInterval(createCampaignsProbe(settings.campaigns), settings.refreshMs),
    {...createIntegrationsProbe(settings.integrations, settings.secrets), fixedInterval: true},
  ];
}

/** `probe` on the application panes' interval (`panes.refreshSeconds`), which `--refresh` cannot shorten. */
export function onPaneInterval<Snapshot, Id extends string>(
  probe: ProbeDefinition<Snapshot, Id>,
  intervalMs: number,
): ProbeDefinition<Snapshot, Id> {
  return {...probe, intervalMs, fixedInterval: true};
}
