// Errors of the FireEdge client (the JWT that lets the stock UI's Guacamole and VMRC consoles talk to
// FireEdge, reference sunstone-server.md §3.3). A failure never fails a login: it is logged, and
// GET /auth_fireedge answers Sunstone's 400 {"token":""}.
import { SunstoneError } from '../errors.js';

/** FireEdge did not give a token: unreachable, refused the credentials, or answered something else. */
export class FireEdgeAuthError extends SunstoneError {
  constructor(url: string, why: string, cause?: unknown) {
    super(
      'SUN_ERR_FIREEDGE_AUTH',
      `No FireEdge token from ${url}: ${why}; check :private_fireedge_endpoint in sunstone-server.conf ` +
        'and that FireEdge runs there (leave it empty when FireEdge is not deployed)',
      { statusCode: 502, cause },
    );
    this.name = 'FireEdgeAuthError';
  }
}
