import {userInfo} from 'node:os';
import type {EventActor} from './journal-event';

/** The operating-system user running this process, as the journal names the actor. */
export function currentUser(environment: NodeJS.ProcessEnv = process.env): string {
  try {
    return userInfo().username;
  } catch {
    // A container user without a passwd entry has no name; the environment may still know it.
    return environment.USER || environment.LOGNAME || 'unknown';
  }
}

/** The actor for events written by this process through `source`. */
export function actorOf(source: EventActor['source']): EventActor {
  return {user: currentUser(), source};
}
