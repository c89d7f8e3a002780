/**
 * Fills `{{name}}` placeholders in a probe's SQL with whole numbers. The lifeline cannot bind
 * parameters (a transaction-mode pooler would lose a prepared statement), and limits are the
 * only values probes put in their SQL, so they are checked to be integers and nothing else.
 */
export function fillSqlLimits(sql: string, limits: Readonly<Record<string, number>>): string {
  const filled = sql.replace(/\{\{(\w+)\}\}/g, (placeholder, name: string) => {
    const value = limits[name];
    if (value === undefined) throw new Error(`no value for ${placeholder} in probe SQL`);
    if (!Number.isSafeInteger(value) || value < 0)
      throw new Error(`limit ${name} must be a whole number, got ${value}`);
    return String(value);
  });
  return filled;
}
