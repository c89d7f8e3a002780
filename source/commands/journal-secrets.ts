import type {CockpitConfig} from '../config/cockpit-config';
import {collectSecrets} from '../secrets/collect-secrets';
import {rememberSecrets} from '../text/redact-secrets';

/**
 * Secret values to keep out of everything this command writes: from the environment, `extraUrls`
 * and the configuration. They are remembered by the process's redactor as well, so the screen
 * and every output redact them too; the list is returned for the shared secret list.
 */
export async function journalSecrets(options: {
  environment: NodeJS.ProcessEnv;
  /** The configuration the command already loaded; without it the file is read here. */
  config?: CockpitConfig;
  /** `--config`; the default search path is used without it. */
  configPath?: string;
  extraUrls?: readonly string[];
  values?: readonly string[];
}): Promise<string[]> {
  const secrets = await collectSecrets({
    environment: options.environment,
    connectionStrings: options.extraUrls ?? [],
    config: options.config,
    configPath: options.configPath,
    values: options.values ?? [],
  });
  rememberSecrets(secrets);
  return secrets;
}
