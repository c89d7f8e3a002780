import type {PhaseKind} from './runbook-model';

// Checked in order: "Resolution Verification" is verification, not resolution.
const vocabulary: Array<[PhaseKind, RegExp]> = [
  ['verify', /\b(verif\w*|validat\w*|smoke test|confirm(ation)?)\b/i],
  [
    'follow-up',
    /\b(follow[- ]?ups?|post[- ]?mortem\w*|post[- ]incident|retro\w*|lessons?|after the incident)\b/i,
  ],
  ['detect', /\b(detect\w*|symptoms?|signals?|how to recogni[sz]e)\b/i],
  ['triage', /\b(triage|immediate (actions?|response)|response steps|investigat\w*|diagnos\w*)\b/i],
  ['mitigate', /\b(mitigat\w*|contain\w*|workarounds?|stop the bleeding)\b/i],
  ['recover', /\b(recover\w*|resolution|resolve|restor\w*|remediat\w*)\b/i],
];

/**
 * The canonical phase a heading or bold label names, if any ("Immediate Response" → triage).
 * `strict` (for headings) also requires the title to open with a phase word, so that
 * "DR Tabletop Test – Backup/Restore Cutover" stays a section of its own.
 */
export function phaseKindOf(
  title: string,
  options: {strict?: boolean} = {},
): PhaseKind | undefined {
  // Long titles are sentences, not phase labels.
  if (title.length > 48) return undefined;
  if (options.strict && !vocabulary.some(([, pattern]) => pattern.exec(title)?.index === 0))
    return undefined;
  for (const [kind, pattern] of vocabulary) if (pattern.test(title)) return kind;
  return undefined;
}

/** A heading or label without its numbering and trailing colon: "1. Detect:" → "Detect". */
export function cleanTitle(title: string): string {
  return title
    .replace(/^\s*\d+[.)]\s+/, '')
    .replace(/\s*:\s*$/, '')
    .trim();
}
