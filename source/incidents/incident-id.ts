/**
 * A sortable, date-based incident id: `2026-11-26-1432-db-connection-exhaustion` (UTC date and
 * minute of opening, then the title as an ASCII slug). Ids sort by opening time as plain strings.
 */
export function incidentIdFor(title: string, openedAt: number): string {
  const iso = new Date(openedAt).toISOString();
  const stamp = `${iso.slice(0, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}`;
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return slug ? `${stamp}-${slug}` : `${stamp}-incident`;
}

/** True for a string that can name an incident file (no path separators, no dot files). */
export function isIncidentId(value: string): boolean {
  return /^[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{4}-[a-z0-9-]+$/.test(value);
}
