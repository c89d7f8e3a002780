import {findPlaceholders, type PlaceholderOptions, placeholderKeys} from './placeholders';
import type {Incident} from './runbook-model';
import {allSteps} from './runbook-walk';

/**
 * Fills in every code block's placeholders, described from `descriptions` (front matter
 * `placeholders:` and prose such as "`[api-key-id]`: the key's id") where one is known, and
 * marked secret when the front matter says so (`secretNames`).
 */
export function describePlaceholders(
  incidents: Incident[],
  descriptions: ReadonlyMap<string, string>,
  options: PlaceholderOptions = {},
  secretNames: ReadonlySet<string> = new Set(),
): void {
  for (const {step} of allSteps({incidents})) {
    for (const block of step.code) {
      block.placeholders = findPlaceholders(block.text, block.lang, options).map((placeholder) => {
        const keys = placeholderKeys(placeholder);
        const key = keys.find((candidate) => descriptions.has(candidate));
        const described = key ? {...placeholder, description: descriptions.get(key)!} : placeholder;
        return keys.some((candidate) => secretNames.has(candidate))
          ? {...described, secret: true as const}
          : described;
      });
    }
  }
}
