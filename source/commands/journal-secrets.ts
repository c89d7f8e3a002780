import {loadConfig} from '../config/load-config';
import {knownSecretsOf} from '../journal/redact-event-data';

/**
 * Secret values to keep out of the journal: from the environment, `extraUrls` and the config
 * file's database URL when a config file can be read (a broken one is not this command's concern).
 */
export function journalSecrets(
  environment: NodeJS.ProcessEnv,
  configPath: string | undefined,
  extraUrls: readonly string[] = [],
): string[] {
  const urls = [...extraUrls];
  try {
    const url = loadConfig({explicitPath: configPath, environment}).config.database?.url;
    if (url) urls.push(url);
  } catch {
    // The run command reports configuration errors; a note or an export still works without it.
  }
  return knownSecretsOf(environment, urls);
}
