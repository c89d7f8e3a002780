import type {SessionInfo} from '../session-info';
import {isIdleInTransaction} from '../session-info';

/** A session on a blocking edge, with the lock it waits for when it waits. */
export type LockSession = SessionInfo & {
  lockType: string | null;
  mode: string | null;
  relation: string | null;
  /** Seconds this session has waited for its lock, or null when it does not wait. */
  waitSeconds: number | null;
};

/** A waiter in a chain: `depth` 1 waits on the root blocker directly, 2 on a depth-1 waiter, … */
export type LockWaiter = LockSession & {
  depth: number;
  blockedBy: number;
  /** Listed again under another blocker; its own waiters are shown at its first place only. */
  repeated?: boolean;
};

/** A root blocker (holding locks, waiting on nobody) and everything queued behind it. */
export type BlockingChain = {
  blockerPid: number;
  blocker: LockSession;
  /** The blocker sits idle in an open transaction: usually the thing to end. */
  idleInTransaction: boolean;
  /** Pre-order: each waiter is followed by its own waiters; one blocked by several appears under each. */
  waiters: LockWaiter[];
  /** Distinct sessions waiting behind this blocker. */
  waiterCount: number;
  longestWaitSeconds: number;
};

/** Entries kept per chain, so a pathological lock graph cannot blow up a frame. */
const maximumEntriesPerChain = 500;

/**
 * Builds the blocking trees from `[blocker, waiter]` edges. Roots are blockers that wait on
 * nobody; in a cycle (a deadlock about to be detected) the lowest pid stands in as the root.
 * Chains come out with the longest wait first.
 */
export function buildBlockingChains(
  edges: ReadonlyArray<readonly [number, number]>,
  sessions: readonly LockSession[],
): BlockingChain[] {
  const byPid = new Map(sessions.map((session) => [session.pid, session]));
  const waitersOf = new Map<number, number[]>();
  const waiting = new Set<number>();
  for (const [blocker, waiter] of edges) {
    waitersOf.set(blocker, [...(waitersOf.get(blocker) ?? []), waiter]);
    waiting.add(waiter);
  }
  const roots = [...waitersOf.keys()].filter((pid) => !waiting.has(pid));
  const reached = new Set<number>();
  const chains: BlockingChain[] = [];
  const addChain = (root: number) => {
    const waiters: LockWaiter[] = [];
    // In a lock queue every waiter is blocked by all those ahead of it: expanding each subtree
    // at every place it appears would grow factorially, so it is expanded at its first only.
    const expanded = new Set<number>();
    const walk = (pid: number, depth: number, path: Set<number>) => {
      for (const waiter of waitersOf.get(pid) ?? []) {
        if (path.has(waiter) || waiters.length >= maximumEntriesPerChain) continue;
        reached.add(waiter);
        if (expanded.has(waiter)) {
          waiters.push({...sessionOf(byPid, waiter), depth, blockedBy: pid, repeated: true});
          continue;
        }
        expanded.add(waiter);
        waiters.push({...sessionOf(byPid, waiter), depth, blockedBy: pid});
        walk(waiter, depth + 1, new Set([...path, waiter]));
      }
    };
    reached.add(root);
    walk(root, 1, new Set([root]));
    const blocker = sessionOf(byPid, root);
    chains.push({
      blockerPid: root,
      blocker,
      idleInTransaction: isIdleInTransaction(blocker.state),
      waiters,
      waiterCount: new Set(waiters.map((waiter) => waiter.pid)).size,
      longestWaitSeconds: Math.max(0, ...waiters.map((waiter) => waiter.waitSeconds ?? 0)),
    });
  };
  for (const root of roots.sort((a, b) => a - b)) addChain(root);
  // Whatever no root reached is a cycle: start it from its lowest pid.
  for (const pid of [...waitersOf.keys()].sort((a, b) => a - b))
    if (!reached.has(pid)) addChain(pid);
  return chains.sort(
    (a, b) => b.longestWaitSeconds - a.longestWaitSeconds || a.blockerPid - b.blockerPid,
  );
}

function sessionOf(byPid: ReadonlyMap<number, LockSession>, pid: number): LockSession {
  return (
    byPid.get(pid) ?? {
      pid,
      user: null,
      application: null,
      client: null,
      database: null,
      backendType: null,
      state: null,
      waitEventType: null,
      waitEvent: null,
      backendStart: null,
      xactStart: null,
      queryStart: null,
      durationSeconds: null,
      transactionSeconds: null,
      query: null,
      lockType: null,
      mode: null,
      relation: null,
      waitSeconds: null,
    }
  );
}
