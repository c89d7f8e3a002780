import {findPlaceholders, type PlaceholderOptions, placeholderKeys} from './placeholders';
import type {Incident} from './runbook-model';
import {allSteps} from './runbook-walk';

/**
 * Fills in every code block's placeholders, described from `descriptions` (front matter
 * `placeholders:` and prose such as "`[api-key-id]`: the key's id") where one is known.
 */
export function describePlaceholders(
  incidents: Incident[],
  descriptions: ReadonlyMap<string, string>,
  options: PlaceholderOptions = {},
): void {
  for (const {step} of allSteps({incidents})) {
    for (const block of step.code) {
      block.placeholders = findPlaceholders(block.text, block.lang, options).map((placeholder) => {
        const key = placeholderKeys(placeholder).find((candidate) => descriptions.has(candidate));
        return key ? {...placeholder, description: descriptions.get(key)!} : placeholder;
      });
    }
  }
}
