import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import type {ProbeSnapshots} from '../../../probes/probe-registry';
import {sanitizeTerminalText} from '../../../text/sanitize-terminal-text';
import {PaneFrame, type RegionProps} from '../../PaneFrame';
import {useCockpit} from '../../store-context';
import {colourOf} from '../../theme';
import {useProbeStatus} from '../../use-probe-status';
import {ProbeErrorLine} from '../../widgets/ProbeErrorLine';
import {TypedConfirmation} from '../../widgets/TypedConfirmation';
import type {useApplicationAction} from './use-application-action';
import {wrapDetails} from './wrap-details';

/** The probes behind application panes: each says whether its tables are there. */
type ApplicationProbeId = 'dlq' | 'email' | 'campaigns' | 'integrations';

/** What the frame reads of any application snapshot. */
type FrameSnapshot = {available: true; warnings?: string[]} | {available: false; reason: string};

function isAvailable<S extends {available: boolean}>(
  snapshot: S | undefined,
): snapshot is Extract<S, {available: true}> {
  return snapshot?.available === true;
}

/**
 * The frame every application pane shares: probe age in the title, the failure or the
 * "not configured" reason in words, index warnings, and the typed confirmation in place of the
 * body while one of its actions waits for it.
 */
export function ApplicationPaneFrame<Id extends ApplicationProbeId>(
  props: RegionProps & {
    title: string;
    /** The region id (`emails`); the confirmation overlay is `confirm:<paneId>`. */
    paneId: string;
    probeId: Id;
    intervalMs: number;
    action?: ReturnType<typeof useApplicationAction>;
    children: (
      snapshot: Extract<ProbeSnapshots[Id], {available: true}>,
      size: {width: number; height: number},
    ) => ReactNode;
  },
) {
  const {width, height, focused, title, paneId, probeId, intervalMs, action} = props;
  const {state, status} = useProbeStatus(probeId, intervalMs);
  const overlay = useCockpit((cockpit) => cockpit.ui.overlay);
  const data = state?.data;
  const snapshot: FrameSnapshot | undefined = data;
  const inner = {width: Math.max(1, width - 4), height: Math.max(1, height - 2)};
  const pending = action?.pending;
  if (pending && overlay === `confirm:${paneId}`) {
    return (
      <PaneFrame title={title} status={status} width={width} height={height} focused={focused}>
        <TypedConfirmation
          title={pending.request.title}
          details={wrapDetails(
            pending.previewing ? [...pending.details, '', 'previewing…'] : pending.details,
            inner.width - 4,
          )}
          word={pending.word}
          width={inner.width}
          height={inner.height}
          onConfirm={() => void action.confirm()}
          onCancel={() => void action.cancel()}
        />
      </PaneFrame>
    );
  }
  const warnings = snapshot?.available ? (snapshot.warnings ?? []).slice(0, 2) : [];
  const used = (state?.error ? 1 : 0) + warnings.length;
  return (
    <PaneFrame title={title} status={status} width={width} height={height} focused={focused}>
      <ProbeErrorLine error={state?.error} />
      {snapshot && !snapshot.available ? (
        <Text color={colourOf('text.muted')} wrap="wrap">
          {sanitizeTerminalText(snapshot.reason)}
        </Text>
      ) : null}
      {warnings.map((warning) => (
        <Text key={warning} color={colourOf('status.warn')} wrap="truncate-end">
          {`! ${sanitizeTerminalText(warning)}`}
        </Text>
      ))}
      {isAvailable(data) ? (
        <Box flexDirection="column" height={Math.max(0, inner.height - used)} overflow="hidden">
          {props.children(data, {
            width: inner.width,
            height: Math.max(0, inner.height - used),
          })}
        </Box>
      ) : null}
    </PaneFrame>
  );
}
