import type {ApplicationSettings} from '../../config/application-settings';
import {createCampaignsProbe} from '../campaigns/campaigns-probe';
import {createDeadLetterProbe} from '../dlq/dlq-probe';
import {createEmailProbe} from '../emails/emails-probe';
import {createIntegrationsProbe} from '../integrations/integrations-probe';
import type {ProbeDefinition} from '../probe-types';

/** The application panes' probes (ids `dlq`, `email`, `campaigns`, `integrations`). */
export function applicationProbes(settings: ApplicationSettings): ProbeDefinition[] {
  return [
    createDeadLetterProbe(settings.dlq),
    createEmailProbe(settings.emails),
    createCampaignsProbe(settings.campaigns),
    createIntegrationsProbe(settings.integrations, settings.secrets),
  ];
}
