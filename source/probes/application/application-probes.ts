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
  const onPaneInterval = (probe: ProbeDefinition): ProbeDefinition => ({
    ...probe,
    intervalMs: settings.refreshMs,
    fixedInterval: true,
  });
  return [
    onPaneInterval(createDeadLetterProbe(settings.dlq)),
    onPaneInterval(createEmailProbe(settings.emails)),
    onPaneInterval(createCampaignsProbe(settings.campaigns)),
    {...createIntegrationsProbe(settings.integrations, settings.secrets), fixedInterval: true},
  ];
}
