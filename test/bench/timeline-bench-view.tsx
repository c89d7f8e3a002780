import {render} from 'ink-testing-library';
import type {CockpitStore} from '../../source/store/cockpit-store';
import {TimelinePane} from '../../source/ui/panes/TimelinePane';
import {CockpitStoreProvider} from '../../source/ui/store-context';

/** The timeline pane alone on `store`, focused, at 160x40, for the timeline bench. */
export function renderTimelinePane(store: CockpitStore) {
  return render(
    <CockpitStoreProvider store={store}>
      <TimelinePane width={160} height={40} focused />
    </CockpitStoreProvider>,
  );
}
