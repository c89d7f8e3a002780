import {parse as parseToml} from 'smol-toml';
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

const looksLikeToml = /^\s*[A-Za-z_][\w.-]*\s*=|^\s*\[[\w.-]+\]\s*$/m;

function firstLineOf(message: string): string {
  return message.split('\n')[0]?.trim().replace(/:$/, '') || 'unreadable';
}

/** The value of YAML or TOML front matter, or why it cannot be read. */
function frontMatterValue(
  source: string,
  format: 'yaml' | 'toml',
): {value: unknown} | {problem: string; line?: number} {
  if (format === 'toml' || looksLikeToml.test(source)) {
    try {
      return {value: parseToml(source)};
    } catch (error) {
      const line = (error as {line?: number}).line;
      if (format === 'toml')
        return {problem: firstLineOf(error instanceof Error ? error.message : ''), line};
    }
  }
  try {
    const document = parseDocument(source, {prettyErrors: true, uniqueKeys: false});
    const [error] = document.errors;
    if (error) return {problem: firstLineOf(error.message), line: error.linePos?.[0]?.line};
    return {value: document.toJS({maxAliasCount: 50})};
  } catch (error) {
    return {problem: firstLineOf(error instanceof Error ? error.message : '')};
  }
}

/**
 * Reads YAML or TOML front matter that starts on `firstLine` (the line after the opening `---`
 * or `+++`; TOML between `---` lines is read as TOML). Front matter that cannot be read is a
 * warning, not an error: the body is still the runbook. Fields of the wrong type are errors
 * with their line. Never throws.
 */
export function readFrontMatter(
  source: string,
  firstLine: number,
  format: 'yaml' | 'toml' = 'yaml',
): {
  frontMatter: FrontMatter;
  warnings: RunbookWarning[];
} {
  const frontMatter: FrontMatter = {triggers: [], placeholders: {}};
  const warnings: RunbookWarning[] = [];
  const warn = (message: string, line = firstLine - 1) =>
    warnings.push({line, message, level: 'error'});
  const read = frontMatterValue(source, format);
  if ('problem' in read) {
    warnings.push({
      line: read.line ? firstLine + read.line - 1 : firstLine - 1,
      level: 'warning',
      message: `front matter could not be read (${read.problem}); the runbook is read without it`,
    });
    return {frontMatter, warnings};
  }
  const value = read.value;
  if (value === null || value === undefined) return {frontMatter, warnings};
  if (typeof value !== 'object' || Array.isArray(value)) {
    warnings.push({
      line: firstLine - 1,
      level: 'warning',
      message:
        'front matter could not be read (expected key: value pairs); the runbook is read without it',
    });
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
