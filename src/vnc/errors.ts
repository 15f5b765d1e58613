// Errors of the VNC console: opening one (POST /vm/:id/startvnc, Sunstone's 400 messages kept word
// for word), redeeming its token on a websocket, reaching the VM's VNC server, and the proxy's own
// listener. Token errors never say whether a token existed: unknown, used and expired read alike
// to a guesser, except for the expiry the rightful user needs to understand.
import { SunstoneError } from '../errors.js';

/** The VM cannot have a console now (reference §9): wrong LCM state, no VNC/SPICE, no host. */
export class VncConsoleError extends SunstoneError {
  constructor(
    code: 'SUN_ERR_VNC_STATE' | 'SUN_ERR_VNC_NOT_CONFIGURED' | 'SUN_ERR_VNC_NO_HOST',
    message: string,
  ) {
    super(code, message, { statusCode: 400 });
    this.name = 'VncConsoleError';
  }
}

const REOPEN =
  'open the console again from Sunstone (a token opens one connection within a minute of being issued)';

/** A websocket asked for a console without `?token=`. */
export class VncTokenMissingError extends SunstoneError {
  constructor() {
    super('SUN_ERR_VNC_TOKEN_MISSING', `No VNC token in the URL (?token=...); ${REOPEN}`, {
      statusCode: 400,
    });
    this.name = 'VncTokenMissingError';
  }
}

/** The token is unknown, was already used, or was issued to another user. */
export class VncTokenInvalidError extends SunstoneError {
  constructor() {
    super('SUN_ERR_VNC_TOKEN_INVALID', `The VNC token is not valid for you, or was already used; ${REOPEN}`, {
      statusCode: 403,
    });
    this.name = 'VncTokenInvalidError';
  }
}

/** The token was not used within its lifetime. */
export class VncTokenExpiredError extends SunstoneError {
  constructor(ttlSeconds: number) {
    super(
      'SUN_ERR_VNC_TOKEN_EXPIRED',
      `The VNC token expired (tokens must be used within ${ttlSeconds} s); ${REOPEN}`,
      { statusCode: 403 },
    );
    this.name = 'VncTokenExpiredError';
  }
}

/** A console websocket on the main port without a live session (the cookie must name the token's user). */
export class VncNoSessionError extends SunstoneError {
  constructor() {
    super(
      'SUN_ERR_VNC_NO_SESSION',
      'No Sunstone session: log in, then open the console again (the console on this port needs the session cookie)',
      { statusCode: 401 },
    );
    this.name = 'VncNoSessionError';
  }
}

/** A plain HTTP request where a websocket upgrade was expected. */
export class VncUpgradeRequiredError extends SunstoneError {
  constructor() {
    super(
      'SUN_ERR_VNC_UPGRADE_REQUIRED',
      'This address serves VNC consoles over WebSocket only (websockify protocol); connect with a WebSocket client such as noVNC',
      { statusCode: 426 },
    );
    this.name = 'VncUpgradeRequiredError';
  }
}

/** The process already carries as many consoles as it may. */
export class VncBusyError extends SunstoneError {
  constructor(max: number) {
    super(
      'SUN_ERR_VNC_BUSY',
      `This server already proxies ${max} VNC consoles, its limit; close a console or try again later`,
      { statusCode: 503 },
    );
    this.name = 'VncBusyError';
  }
}

/** The VM's VNC server (host:GRAPHICS/PORT) cannot be reached from this server. */
export class VncTargetError extends SunstoneError {
  constructor(vm: number, where: string, why: string, cause?: unknown) {
    super(
      'SUN_ERR_VNC_TARGET',
      `Cannot connect to the VNC server of VM ${vm} at ${where} (${why}); check that the VM is running and ` +
        'that this server can reach the host on that port (firewall, host name resolution)',
      { statusCode: 502, cause },
    );
    this.name = 'VncTargetError';
  }
}

/** The server is stopping: no new consoles. */
export class VncClosedError extends SunstoneError {
  constructor() {
    super(
      'SUN_ERR_VNC_CLOSED',
      'The server is shutting down and opens no new VNC consoles; try again shortly',
      {
        statusCode: 503,
      },
    );
    this.name = 'VncClosedError';
  }
}

/** The :vnc_proxy_port listener cannot start (port in use, address, TLS files). */
export class VncListenError extends SunstoneError {
  constructor(message: string, cause?: unknown) {
    super('SUN_ERR_VNC_LISTEN', message, { cause });
    this.name = 'VncListenError';
  }
}

/** A VNC option is out of range (a wiring or configuration mistake). */
export class VncOptionError extends SunstoneError {
  constructor(option: string, problem: string) {
    super('SUN_ERR_VNC_OPTION', `VNC option ${option} ${problem}`);
    this.name = 'VncOptionError';
  }
}
