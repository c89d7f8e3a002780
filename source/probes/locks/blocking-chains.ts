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

/**
 * A waiter in a chain, listed once: under the blocker it queues directly behind (the one
 * deepest in the tree), `depth` 1 under the root blocker, 2 under a depth-1 waiter, …
 */
export type LockWaiter = LockSession & {
  depth: number;
  blockedBy: number;
  /** The other sessions it also waits on (a lock queue: everyone ahead of it). */
  otherBlockers: number[];
};

/** A root blocker (holding locks, waiting on nobody) and everything queued behind it. */
export type BlockingChain = {
  blockerPid: number;
  blocker: LockSession;
  /** The blocker sits idle in an open transaction: usually the thing to end. */
  idleInTransaction: boolean;
  /** Pre-order: each waiter is followed by its own waiters; every waiter appears once. */
  waiters: LockWaiter[];
  /** Distinct sessions waiting behind this blocker (listed in this chain). */
  waiterCount: number;
  /** Every session waiting on this blocker directly, some perhaps listed under another chain. */
  blocks: number[];
  longestWaitSeconds: number;
};

/** Entries kept per chain, so a pathological lock graph cannot blow up a frame. */
const maximumEntriesPerChain = 500;

/**
 * Builds the blocking trees from `[blocker, waiter]` edges. Roots are blockers that wait on
 * nobody; in a cycle (a deadlock about to be detected) the lowest pid stands in as the root.
 * Each waiter is placed once, under the blocker on its longest path from a root: in a lock
 * queue that is the session just ahead of it, so the queue reads in order. Chains come out
 * with the longest wait first.
 */
export function buildBlockingChains(
  edges: ReadonlyArray<readonly [number, number]>,
  sessions: readonly LockSession[],
): BlockingChain[] {
  const byPid = new Map(sessions.map((session) => [session.pid, session]));
  const waitersOf = new Map<number, number[]>();
  const blockersOf = new Map<number, number[]>();
  for (const [blocker, waiter] of edges) {
    if (blocker === waiter) continue;
    waitersOf.set(blocker, [...new Set([...(waitersOf.get(blocker) ?? []), waiter])]);
    blockersOf.set(waiter, [...new Set([...(blockersOf.get(waiter) ?? []), blocker])]);
  }
  const roots = [...waitersOf.keys()].filter((pid) => !blockersOf.has(pid)).sort((a, b) => a - b);
  // A cycle has no root: its lowest pid not reached from any root stands in for one.
  const reachable = new Set<number>();
  const reach = (start: number) => {
    const queue = [start];
    while (queue.length > 0) {
      const pid = queue.shift()!;
      if (reachable.has(pid)) continue;
      reachable.add(pid);
      queue.push(...(waitersOf.get(pid) ?? []));
    }
  };
  for (const root of roots) reach(root);
  for (const pid of [...waitersOf.keys(), ...blockersOf.keys()].sort((a, b) => a - b)) {
    if (reachable.has(pid)) continue;
    roots.push(pid);
    reach(pid);
  }
  const rootSet = new Set(roots);
  const depth = new Map<number, number>();
  const visiting = new Set<number>();
  const depthOf = (pid: number): number => {
    if (rootSet.has(pid)) return 0;
    const known = depth.get(pid);
    if (known !== undefined) return known;
    // An edge back into the path being measured closes a cycle: it does not count.
    if (visiting.has(pid)) return -1;
    visiting.add(pid);
    const deepest = Math.max(-1, ...(blockersOf.get(pid) ?? []).map(depthOf));
    visiting.delete(pid);
    depth.set(pid, deepest + 1);
    return deepest + 1;
  };
  const childrenOf = new Map<number, number[]>();
  const parentOf = new Map<number, number>();
  for (const [waiter, blockers] of blockersOf) {
    if (rootSet.has(waiter)) continue;
    const parent = [...blockers]
      .filter((blocker) => depthOf(blocker) < depthOf(waiter))
      .sort((a, b) => depthOf(b) - depthOf(a) || a - b)[0];
    if (parent === undefined) continue;
    parentOf.set(waiter, parent);
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), waiter]);
  }
  const placed = new Set<number>();
  const chains = roots.map((root): BlockingChain => {
    const waiters: LockWaiter[] = [];
    placed.add(root);
    const walk = (pid: number, level: number) => {
      const children = (childrenOf.get(pid) ?? [])
        .filter((child) => !placed.has(child))
        .map((child) => sessionOf(byPid, child))
        .sort((a, b) => (b.waitSeconds ?? 0) - (a.waitSeconds ?? 0) || a.pid - b.pid);
      for (const child of children) {
        if (waiters.length >= maximumEntriesPerChain || placed.has(child.pid)) continue;
        placed.add(child.pid);
        waiters.push({
          ...child,
          depth: level,
          blockedBy: pid,
          otherBlockers: (blockersOf.get(child.pid) ?? []).filter((blocker) => blocker !== pid),
        });
        walk(child.pid, level + 1);
      }
    };
    walk(root, 1);
    const blocker = sessionOf(byPid, root);
    return {
      blockerPid: root,
      blocker,
      idleInTransaction: isIdleInTransaction(blocker.state),
      waiters,
      waiterCount: waiters.length,
      blocks: [...(waitersOf.get(root) ?? [])].sort((a, b) => a - b),
      longestWaitSeconds: Math.max(0, ...waiters.map((waiter) => waiter.waitSeconds ?? 0)),
    };
  });
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
