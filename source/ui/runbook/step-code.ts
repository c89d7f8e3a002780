import type {CodeBlock, Placeholder} from '../../runbooks/runbook-model';

export {type CodeKind, codeKindOf} from '../../runbooks/code-language';

/** Placeholders of a block, each name once, in the order they appear. */
export function uniquePlaceholders(code: CodeBlock): Placeholder[] {
  const seen = new Set<string>();
  return code.placeholders.filter((placeholder) => {
    if (seen.has(placeholder.name)) return false;
    seen.add(placeholder.name);
    return true;
  });
}

/** Placeholders of a block that have no remembered value yet, each name once. */
export function missingPlaceholders(
  code: CodeBlock,
  values: Readonly<Record<string, string>>,
): Placeholder[] {
  const seen = new Set<string>();
  return code.placeholders.filter((placeholder) => {
    if (values[placeholder.name] !== undefined || seen.has(placeholder.name)) return false;
    seen.add(placeholder.name);
    return true;
  });
}

/**
 * The placeholders to bind in a shell block: a `$NAME` the operator left empty stays as written
 * and comes from the cockpit's own environment.
 */
export function shellPlaceholdersToBind(
  code: CodeBlock,
  values: Readonly<Record<string, string>>,
): Placeholder[] {
  return code.placeholders.filter(
    (placeholder) => placeholder.kind !== 'environment' || values[placeholder.name] !== undefined,
  );
}

/** The question asked for a placeholder: its name and, when the runbook gives one, its description. */
export function placeholderQuestion(placeholder: Placeholder): string {
  const description = placeholder.description ? ` — ${placeholder.description}` : '';
  const fromEnvironment =
    placeholder.kind === 'environment' ? ' (Enter: from the environment)' : '';
  return `${placeholder.name}${description}${fromEnvironment}:`;
}
