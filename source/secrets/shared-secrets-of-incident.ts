import {rememberHashedSecrets} from '../text/redact-secrets';
import {readSharedSecretList, sharedSecretListPath} from './shared-secret-list';

/**
 * Teaches this process's redactor the secrets the running cockpit shared for the incident whose
 * journal is `journalPath` (none when no cockpit left a list).
 */
export async function learnSharedSecrets(journalPath: string): Promise<void> {
  const list = await readSharedSecretList(sharedSecretListPath(journalPath));
  if (list) rememberHashedSecrets(list);
}
