import type {PhaseKind} from './runbook-model';

// Checked in order: "Resolution Verification" is verification, not resolution. Japanese words
// have no word boundaries, so they stand apart from the `\b…\b` group.
const vocabulary: Array<[PhaseKind, RegExp]> = [
  ['verify', /\b(verif\w*|validat\w*|smoke test|confirm(ation)?)\b|確認|検証/i],
  [
    'follow-up',
    /\b(follow[- ]?ups?|post[- ]?mortem\w*|post[- ]incident|retro\w*|lessons?|after the incident|prevent\w*)\b|事後|振り返り|ポストモーテム|再発防止/i,
  ],
  ['detect', /\b(detect\w*|symptoms?|signals?|how to recogni[sz]e)\b|検知|検出|症状|兆候/i],
  [
    'triage',
    /\b(triage|immediate (actions?|response)|response steps|first response|investigat\w*|diagnos\w*|troubleshoot\w*)\b|初動|切り分け|調査|診断|トリアージ/i,
  ],
  ['mitigate', /\b(mitigat\w*|contain\w*|workarounds?|stop the bleeding)\b|暫定|緩和|回避/i],
  [
    'recover',
    /\b(recover\w*|resolutions?|resolve|restor\w*|remediat\w*|possible (fixes|resolutions?))\b|復旧|復元|恒久対応|解決/i,
  ],
];

// Sections that are parts of a runbook with steps of their own but no canonical phase.
const partWords =
  /^(?:(?:steps?|prerequisites?|pre-requisites?|requirements|before you (?:start|begin)|actions?|response|procedure|escalat\w*|communicat\w*|checklist|rollback(?: procedure)?)(?![\p{L}\p{N}])|手順|前提条件|エスカレーション)/iu;

// Sections that belong to a runbook but hold no steps: what it is about, who to call, links.
const referenceWords =
  /^(?:(?:overview|summary|description|background|context|about(?: this \w+)?|introduction|purpose|scope|impact|services?|metrics?|dashboards?|alert behaviou?r|severit(?:y|ies)(?: levels?| matrix)?|dependencies|definitions?|glossary|related(?: links| runbooks| pages| documents)?|references?|more reading|further reading|see also|links|resources|recent changes|(?:on-?call )?contacts?(?: matrix| list| information)?|contact matrix|on-?call(?: rotation| schedule)?|owners?|ownership|table of contents|contents|toc|changelog|revision history|notes)(?![\p{L}\p{N}])|概要|目次|参考|関連|連絡先|背景)/iu;

const emoji = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u{fe0f}|\u{200d}|\u{20e3}/gu;
// "(< 5 minutes)", "(T+0 – T+30)", "（5分以内）", "[15 min]": parenthesised groups with a digit.
const timeBox = /\s*[([（【][^)\]）】]*\d[^)\]）】]*[)\]）】]/gu;
const numbering = /^\s*(?:(?:phase|stage|part)\s*)?(?:\d+(?:\.\d+)*|[a-z]|[ivx]+)\s*[.):—–-]\s+/iu;
const stepPrefix =
  /^\s*(?:step|type|resolution|option|fix|solution|method|approach)\s*#?\d+[a-z]?\s*(?:[.):—–-]|$)/iu;
const plainStepPrefix = /^\s*step\s*#?\d+[a-z]?\s*[.):—–-]?\s*/iu;
const runbookName = /^\s*(?:runbook|playbook)\s*[:—–-]\s*(.+)$/iu;

// First words of a heading that names a task ("Find the blocked queries"), not an incident.
const taskVerbs = new Set(
  (
    'add analyze apply ask assess back block call cancel capture check clear close collect ' +
    'communicate compare confirm connect contact create decide declare delete deploy determine ' +
    'disable document drain drop enable ensure escalate examine execute fail find fix flush free ' +
    'gather get go grant identify increase inform inspect isolate kill list lock log look lower ' +
    'make measure migrate monitor move notify open page pause plan post prevent promote purge ' +
    'raise rebuild record redeploy reduce refresh reindex release reload remove replay requeue ' +
    'reset restart restore resume retry revert review revoke roll rollback rotate route run ' +
    'scale schedule set show ssh start stop switch take tell terminate test throttle truncate ' +
    'unblock unlock update upgrade use vacuum verify wait watch write'
  ).split(' '),
);

// Phase words that are also imperatives ("Verify the fix", "Restore from the backup").
const phaseVerbs = new Set([
  ...taskVerbs,
  ...'detect investigate diagnose troubleshoot mitigate contain recover resolve remediate validate'.split(
    ' ',
  ),
]);

/** A heading or label reduced to what phase words are matched on: no emoji, time boxes or numbering. */
export function phaseKey(title: string): string {
  return title
    .replace(emoji, ' ')
    .replace(timeBox, ' ')
    .replace(numbering, '')
    .replace(/[\s:：.。!！?？*_~`#|—–-]+$/u, '')
    .replace(/^[\s:：*_~`#|—–-]+/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The canonical phase a heading or bold label names, if any ("Immediate Response" → triage).
 * `strict` (for headings and labels) also requires the title to open with a phase word, so that
 * "DR Tabletop Test – Backup/Restore Cutover" stays a section of its own.
 */
export function phaseKindOf(
  title: string,
  options: {strict?: boolean} = {},
): PhaseKind | undefined {
  const key = phaseKey(title);
  if (options.strict && !vocabulary.some(([, pattern]) => pattern.exec(key)?.index === 0))
    return undefined;
  for (const [kind, pattern] of vocabulary) if (pattern.test(key)) return kind;
  return undefined;
}

/**
 * True for the title of a part of a runbook that holds steps: a phase word or "Steps",
 * "Escalation"… A verb with an object is a task, not a part: "Verify" is a phase, "Verify that
 * the database accepts connections" is a step.
 */
export function isPartTitle(title: string): boolean {
  const key = phaseKey(title);
  const words = key.split(/\s+/);
  if (words.length > 1 && phaseVerbs.has(words[0]!.toLowerCase())) return false;
  return phaseKindOf(key, {strict: true}) !== undefined || partWords.test(key);
}

/** True for the title of a part of a runbook that holds no steps: "Overview", "Contacts", "References"… */
export function isReferenceTitle(title: string): boolean {
  return referenceWords.test(phaseKey(title));
}

/** True for `Step 1: …`, `Type 2: …`, `Resolution 1: …` headings: steps, never incidents. */
export function isStepHeading(rawTitle: string): boolean {
  return stepPrefix.test(rawTitle);
}

/** True for `1. …` and `2) …` headings: steps, unless their section holds phases. */
export function isNumberedHeading(rawTitle: string): boolean {
  return /^\s*\d+[.)]\s/.test(rawTitle);
}

/** True when a heading opens with a verb ("Find the blocked queries", "Check"): a task. */
export function isTaskTitle(title: string): boolean {
  const first =
    phaseKey(title)
      .split(/[\s,:/]+/)[0]
      ?.toLowerCase() ?? '';
  return taskVerbs.has(first);
}

/** The incident a `## Runbook: NAME` heading names, or undefined. */
export function runbookNameOf(title: string): string | undefined {
  return runbookName.exec(title)?.[1]?.trim() || undefined;
}

/** A heading or label as shown: without emoji, numbering, `Step 1:` and trailing colon. */
export function cleanTitle(title: string): string {
  const cleaned = title
    .replace(emoji, ' ')
    .replace(/^\s*\d+[.)]\s+/, '')
    .replace(plainStepPrefix, '')
    .replace(/\s*[:：]\s*$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned || title.replace(emoji, ' ').replace(/\s+/g, ' ').trim();
}
