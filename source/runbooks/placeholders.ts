import type {Placeholder} from './runbook-model';

// Languages where `<name>` is syntax (generics, tags) rather than a value to fill in.
const angleIsSyntax = new Set([
  'ts',
  'typescript',
  'tsx',
  'js',
  'javascript',
  'jsx',
  'html',
  'xml',
]);
// Languages where `$NAME` is an environment variable the operator's shell would expand.
const environmentLanguages = new Set(['', 'bash', 'sh', 'shell', 'zsh', 'console', 'http', 'text']);

const bracketToken = /\[([A-Za-z][\w-]*)\]/g;
const angleToken = /<([A-Za-z][\w-]*)>/g;
const environmentToken = /\$\{?([A-Z][A-Z0-9_]*)\}?(?!\$)/g;
const exampleLiteral = /'([^'\s@]+)@example\.(?:com|org|net)'/g;
// Mustache-style templates: `{{ blocking_pid }}`, `{{tables.orders}}`.
const templateToken = /\{\{\s*([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)\s*\}\}/g;

/** How placeholders are found; `accept` can leave some out (names the configuration fills in). */
export type PlaceholderOptions = {
  /** Return false for a candidate that is not a placeholder to ask for. */
  accept?: (candidate: Placeholder) => boolean;
};

/** The placeholders in a code block, in order of first appearance, without descriptions. */
export function findPlaceholders(
  code: string,
  lang: string,
  options: PlaceholderOptions = {},
): Placeholder[] {
  const found = new Map<string, Placeholder & {index: number}>();
  const add = (token: string, name: string, kind: Placeholder['kind'], index: number) => {
    if (found.has(token)) return;
    if (options.accept && !options.accept({token, name, kind})) return;
    found.set(token, {token, name, kind, index});
  };
  for (const match of code.matchAll(templateToken))
    add(match[0], match[1]!, 'template', match.index);
  const language = lang.toLowerCase();
  for (const match of code.matchAll(bracketToken)) add(match[0], match[1]!, 'bracket', match.index);
  if (!angleIsSyntax.has(language))
    for (const match of code.matchAll(angleToken)) add(match[0], match[1]!, 'angle', match.index);
  if (environmentLanguages.has(language))
    for (const match of code.matchAll(environmentToken))
      add(match[0], match[1]!, 'environment', match.index);
  for (const match of code.matchAll(exampleLiteral))
    add(match[0], `${match[1]!}-email`, 'example', match.index);
  return [...found.values()]
    .sort((left, right) => left.index - right.index)
    .map(({index: _index, ...placeholder}) => placeholder);
}

/**
 * A description written next to a placeholder in prose: `` `[api-key-id]`: the key's id `` or
 * `` `$SUPABASE_URL` — the project URL ``. `following` is the text right after the inline code.
 */
export function descriptionAfter(following: string): string | undefined {
  const match = /^\s*(?::|—|–|-|=|is\b|means\b)\s*(.+)/.exec(following);
  const description = match?.[1]
    ?.split(/(?<=[.;])\s/)[0]
    ?.replace(/[.;,]\s*$/, '')
    .trim();
  return description ? description : undefined;
}

/** The names a placeholder may be described under: its token, its name, and `$NAME` forms. */
export function placeholderKeys(placeholder: Placeholder): string[] {
  return [placeholder.token, placeholder.name, `$${placeholder.name}`, `[${placeholder.name}]`];
}
