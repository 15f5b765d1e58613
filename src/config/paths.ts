// Where an OpenNebula installation keeps its files, as Sunstone works it out from ONE_LOCATION
// (reference sunstone-server.md §1.1): system-wide package paths when it is unset, one
// self-contained tree under it when it is set.
import { join } from 'node:path';
import type { OnePaths } from './types.js';

/** The §1.1 path table for this environment. An empty ONE_LOCATION counts as unset. */
export function onePaths(env: NodeJS.ProcessEnv): OnePaths {
  const raw = env.ONE_LOCATION;
  // A trailing slash would only double up in the joined paths; the root itself stays '/'.
  const oneLocation = raw === undefined || raw === '' ? null : raw.replace(/(?<=.)\/+$/, '');
  const base =
    oneLocation === null
      ? { log: '/var/log/one', var: '/var/lib/one', etc: '/etc/one', share: '/usr/share/one' }
      : {
          // Self-contained installs log into VAR, not a separate log directory.
          log: join(oneLocation, 'var'),
          var: join(oneLocation, 'var'),
          etc: join(oneLocation, 'etc'),
          share: join(oneLocation, 'share'),
        };
  return {
    oneLocation,
    ...base,
    sunstoneAuth: join(base.var, '.one', 'sunstone_auth'),
    configFile: join(base.etc, 'sunstone-server.conf'),
    sunstoneLog: join(base.log, 'sunstone.log'),
    vms: join(base.var, 'vms'),
  };
}
