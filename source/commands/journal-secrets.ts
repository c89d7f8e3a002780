import {collectSecrets} from '../secrets/collect-secrets';
import {rememberSecrets} from '../text/redact-secrets';

/**
 * Secret values to keep out of everything this command writes: from the environment, `extraUrls`
 * and the configuration file. They are remembered by the process's redactor as well, so the
 * screen and every output redact them too; the list is returned for the shared secret list.
 */
export async function journalSecrets(
  environment: NodeJS.ProcessEnv,
  configPath: string | undefined,
  extraUrls: readonly string[] = [],
  values: readonly string[] = [],
): Promise<string[]> {
  const secrets = await collectSecrets({
    environment,
    connectionStrings: extraUrls,
    configPath,
    values,
  });
  rememberSecrets(secrets);
  return secrets;
}
