// Errors of the HTTP edge (who the client is behind proxies). Raised at start-up, never per request.
import { SunstoneError } from '../errors.js';

/** An entry of :trusted_proxies is not an address or CIDR range. */
export class TrustedProxiesError extends SunstoneError {
  constructor(entry: string) {
    super(
      'SUN_ERR_HTTP_TRUSTED_PROXIES',
      `:trusted_proxies has "${entry}", which is not an IP address or CIDR range; ` +
        'write addresses such as 10.0.0.5, 192.168.1.0/24 or ::1 in sunstone-server.conf',
      { statusCode: 500 },
    );
    this.name = 'TrustedProxiesError';
  }
}
