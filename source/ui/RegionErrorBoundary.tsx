import {Text} from 'ink';
import {Component, type ReactNode} from 'react';
import type {CockpitStore} from '../store/cockpit-store';
import {sanitizeTerminalText} from '../text/sanitize-terminal-text';
import {PaneFrame, type RegionProps} from './PaneFrame';
import {useCockpitStore} from './store-context';
import {colourOf} from './theme';

type BoundaryProps = RegionProps & {title: string; store: CockpitStore; children: ReactNode};
type BoundaryState = {failure?: string};

/**
 * Keeps a region's drawing failure inside the region: it says what failed while the rest of
 * the screen, the probes and the journal go on, and it draws again when the store next changes
 * (new data may be drawable). Without it, one pane meeting data it cannot draw (a host's
 * malformed shared state, a bug) would take the whole cockpit down mid-incident.
 */
class Boundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = {};
  private unsubscribe: (() => void) | undefined;

  static getDerivedStateFromError(error: unknown): BoundaryState {
    return {failure: error instanceof Error ? error.message : String(error)};
  }

  override componentDidCatch(): void {
    this.retryWithNextData();
  }

  override componentDidUpdate(): void {
    this.retryWithNextData();
  }

  /** Subscribed only while failed: a healthy region costs nothing here. */
  private retryWithNextData(): void {
    if (this.state.failure === undefined || this.unsubscribe) return;
    this.unsubscribe = this.props.store.subscribe(() => {
      this.stopWatching();
      this.setState({failure: undefined});
    });
  }

  override componentWillUnmount(): void {
    this.stopWatching();
  }

  private stopWatching(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  override render(): ReactNode {
    const {failure} = this.state;
    if (failure === undefined) return this.props.children;
    const {title, width, height, focused} = this.props;
    return (
      <PaneFrame
        title={title}
        status={{text: 'could not be drawn', tone: 'status.critical'}}
        width={width}
        height={height}
        focused={focused}
      >
        <Text color={colourOf('status.critical')} wrap="truncate-end">
          {sanitizeTerminalText(
            `this pane failed to draw: ${failure} (drawn again with the next data; the other panes and the record go on)`,
            {maxLength: 400},
          )}
        </Text>
      </PaneFrame>
    );
  }
}

/** A region drawn inside its own error boundary. */
export function RegionErrorBoundary(props: RegionProps & {title: string; children: ReactNode}) {
  const store = useCockpitStore();
  return <Boundary {...props} store={store} />;
}
