import {parseDocument} from 'yaml';
import type {RunbookWarning} from './runbook-model';

/** What a runbook's YAML front matter may say; every field is optional. */
export type FrontMatter = {
  id?: string;
  title?: string;
  severity?: string;
  triggers: string[];
  /** Descriptions of placeholders, by name: `api-key-id: id of the offending key`. */
  placeholders: Record<string, string>;
  /** Placeholders given as `name: {description: …, secret: true}`: their values are secrets. */
  secretPlaceholders?: string[];
};

const knownKeys = new Set(['id', 'title', 'severity', 'triggers', 'placeholders', 'tags']);

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/**
 * Reads front matter YAML that starts on `firstLine` (the line after the opening `---`).
 * Invalid YAML or fields of the wrong type become warnings with their line; never throws.
 */
export function readFrontMatter(
  source: string,
  firstLine: number,
): {
  frontMatter: FrontMatter;
  warnings: RunbookWarning[];
} {
  const frontMatter: FrontMatter = {triggers: [], placeholders: {}};
  const warnings: RunbookWarning[] = [];
  const warn = (message: string, line = firstLine - 1) =>
    warnings.push({line, message, level: 'error'});
  let value: unknown;
  try {
    const document = parseDocument(source, {prettyErrors: true, uniqueKeys: false});
    for (const error of document.errors) {
      const line = error.linePos?.[0]?.line;
      warn(
        `front matter: ${error.message.split('\n')[0]}`,
        line ? firstLine + line - 1 : undefined,
      );
    }
    if (document.errors.length > 0) return {frontMatter, warnings};
    value = document.toJS({maxAliasCount: 50});
  } catch (error) {
    warn(`front matter: ${error instanceof Error ? error.message.split('\n')[0] : 'unreadable'}`);
    return {frontMatter, warnings};
  }
  if (value === null || value === undefined) return {frontMatter, warnings};
  if (typeof value !== 'object' || Array.isArray(value)) {
    warn('front matter: expected key: value pairs');
    return {frontMatter, warnings};
  }
  const fields = value as Record<string, unknown>;
  for (const key of Object.keys(fields))
    if (!knownKeys.has(key))
      warnings.push({line: firstLine - 1, message: `front matter: unknown key "${key}"`});
  for (const key of ['id', 'title', 'severity'] as const) {
    if (fields[key] === undefined) continue;
    const field = text(fields[key]);
    if (field === undefined) warn(`front matter: "${key}" must be text`);
    else frontMatter[key] = field;
  }
  const triggers = fields.triggers;
  if (typeof triggers === 'string') frontMatter.triggers = [triggers];
  else if (Array.isArray(triggers)) {
    frontMatter.triggers = triggers.map(text).filter((item) => item !== undefined);
    if (frontMatter.triggers.length !== triggers.length)
      warn('front matter: every trigger must be an alert rule id');
  } else if (triggers !== undefined && triggers !== null)
    warn('front matter: "triggers" must be a list of alert rule ids');
  const placeholders = fields.placeholders;
  if (placeholders && typeof placeholders === 'object' && !Array.isArray(placeholders)) {
    for (const [name, entry] of Object.entries(placeholders)) {
      // `name: description`, or `name: {description: …, secret: true}`.
      const detailed = entry && typeof entry === 'object' && !Array.isArray(entry);
      const fields = detailed ? (entry as {description?: unknown; secret?: unknown}) : {};
      const described = text(detailed ? fields.description : entry);
      if (described) frontMatter.placeholders[name] = described;
      if (fields.secret === true)
        frontMatter.secretPlaceholders = [...(frontMatter.secretPlaceholders ?? []), name];
    }
  } else if (placeholders !== undefined && placeholders !== null)
    warn('front matter: "placeholders" must map names to descriptions');
  return {frontMatter, warnings};
}
