/** The canonical phases of an incident; a phase whose title maps to none has `kind` undefined. */
export const phaseKinds = [
  'detect',
  'triage',
  'mitigate',
  'recover',
  'verify',
  'follow-up',
] as const;

/** One of {@link phaseKinds}. */
export type PhaseKind = (typeof phaseKinds)[number];

/** Something the parser or the linter noticed; `line` is 1-based (0 when it concerns the file). */
export type RunbookWarning = {
  line: number;
  message: string;
  /** Errors make `cockpit runbooks lint` exit 1; everything else is advice. */
  level?: 'error' | 'warning';
};

/** A value the operator must supply before a step runs. */
export type Placeholder = {
  /**
   * The text as written in the code: `[api-key-id]`, `<table>`, `$SUPABASE_URL`,
   * `'user@example.com'`, `{{ blocking_pid }}`.
   */
  token: string;
  /** The name the operator is asked for: `api-key-id`, `table`, `SUPABASE_URL`, `user-email`, `blocking_pid`. */
  name: string;
  kind: 'bracket' | 'angle' | 'environment' | 'example' | 'template';
  description?: string;
  /** Marked `secret: true` in the front matter: its value is masked and never journaled. */
  secret?: true;
};

/** A fenced code block attached to a step. */
export type CodeBlock = {
  lang: string;
  text: string;
  line: number;
  placeholders: Placeholder[];
};

/** One thing to do; nested list items are its sub-steps. */
export type Step = {
  text: string;
  line: number;
  /** `true`/`false` for `- [x]`/`- [ ]` checklist items, absent otherwise. */
  checked?: boolean;
  code: CodeBlock[];
  steps: Step[];
};

/** A phase of an incident (detect, triage, …) with its steps. */
export type Phase = {title: string; kind: PhaseKind | undefined; line: number; steps: Step[]};

/** One kind of incident with its phases. */
export type Incident = {title: string; line: number; phases: Phase[]};

/** A parsed runbook file; this is also the JSON of `cockpit runbooks show --json`. */
export type Runbook = {
  file: string;
  id: string;
  title: string;
  severity: string | undefined;
  triggers: string[];
  incidents: Incident[];
  warnings: RunbookWarning[];
};

/** What happened to a step while the runbook is worked through. */
export type StepStatus = 'done' | 'skipped' | 'failed';
