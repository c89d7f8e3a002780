import {resolveApplicationSettings} from '../config/application-settings';
import {type SchemaNames, schemaNamesFrom} from './schema-names';

/** The names with no configuration at all (they fit the demo schema). */
export function defaultSchemaNames(): SchemaNames {
  return schemaNamesFrom(resolveApplicationSettings());
}
