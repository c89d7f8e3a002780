import {displayKeys, type KeyBinding, keyBindings} from './keys';
import {allRegions} from './panes/pane-registry';

/** The README's key table, generated from the key table so that a test can catch drift. */
export function keyTableMarkdown(bindings: readonly KeyBinding[] = keyBindings): string {
  const scopeName = (scope: string) =>
    scope === 'global'
      ? 'everywhere'
      : (allRegions.find((region) => `pane:${region.id}` === scope)?.title ?? scope);
  const rows = bindings.map(
    (binding) =>
      `| \`${displayKeys(binding.keys).replace('|', '\\|')}\` | ${scopeName(binding.scope)} | ${binding.description}${binding.dangerous ? ' (dangerous: typed confirmation; not bound with `--read-only`)' : ''} |`,
  );
  return ['| Keys | Where | What it does |', '| --- | --- | --- |', ...rows].join('\n');
}
