import type {Placeholder} from './runbook-model';

/** What a placeholder's value must look like, read from its name (and description). */
export type ValueKind = 'integer' | 'email' | 'uuid' | 'url' | 'text';

const integerName =
  /(^|[-_ ])(pid|pids|port|count|limit|number|num|minutes|seconds|hours|days|attempts|retries|batch-size|size)$/i;
const integerDescription = /\b(pid|process id|backend id|whole number|integer)\b/i;
const emailName = /(^|[-_])e-?mail(-address)?$/i;
const uuidName = /(^|[-_])uuid$/i;
const urlName = /(^|[-_])(url|uri|endpoint)$/i;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The kind of value `placeholder` asks for; `text` when nothing says more. */
export function valueKindOf(placeholder: Placeholder): ValueKind {
  const name = placeholder.name;
  if (integerName.test(name) || integerDescription.test(placeholder.description ?? ''))
    return 'integer';
  if (emailName.test(name)) return 'email';
  if (uuidName.test(name)) return 'uuid';
  if (urlName.test(name)) return 'url';
  return 'text';
}

function isUrl(value: string): boolean {
  try {
    return new URL(value).protocol.length > 1;
  } catch {
    return false;
  }
}

/**
 * What is wrong with `value` for `placeholder`, in one line that says what is expected, or
 * undefined when it will do. Checked before anything is previewed or confirmed.
 */
export function valueProblem(placeholder: Placeholder, value: string): string | undefined {
  const kind = valueKindOf(placeholder);
  const trimmed = value.trim();
  if (kind === 'text') return undefined;
  if (trimmed === '') return `${placeholder.name} needs a value`;
  switch (kind) {
    case 'integer':
      return /^\d{1,18}$/.test(trimmed) && Number(trimmed) > 0
        ? undefined
        : `${placeholder.name} must be a positive whole number (such as 12345)`;
    case 'email':
      return emailPattern.test(trimmed)
        ? undefined
        : `${placeholder.name} must be an email address (such as user@example.com)`;
    case 'uuid':
      return uuidPattern.test(trimmed)
        ? undefined
        : `${placeholder.name} must be a UUID (8-4-4-4-12 hexadecimal digits)`;
    case 'url':
      return isUrl(trimmed)
        ? undefined
        : `${placeholder.name} must be a URL (such as https://example.com)`;
  }
}
