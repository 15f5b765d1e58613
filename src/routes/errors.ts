// Errors the HTTP routes raise themselves. Their messages reach clients in Sunstone's error JSON, so
// they say what was wrong with the request and how to send it right.
import { SunstoneError } from '../errors.js';

/** GET /:pool or /:resource/:id for a kind Sunstone does not serve (message as Sunstone, §3.5). */
export class UnknownResourceError extends SunstoneError {
  constructor(name: string) {
    super('SUN_ERR_ROUTE_UNKNOWN_RESOURCE', `Error: ${name} resource not supported`, { statusCode: 404 });
    this.name = 'UnknownResourceError';
  }
}

/** A query parameter, path segment or body field is missing or has the wrong type. */
export class BadParameterError extends SunstoneError {
  constructor(message: string) {
    super('SUN_ERR_ROUTE_BAD_PARAMETER', message, { statusCode: 400 });
    this.name = 'BadParameterError';
  }
}

/** `perform` names no action of the kind (Sunstone's message, double space included: §11 item 11). */
export class ActionNotAvailableError extends SunstoneError {
  constructor(perform: string) {
    super('SUN_ERR_ROUTE_ACTION_NOT_AVAILABLE', `${perform} action not  available for this resource`, {
      statusCode: 500,
    });
    this.name = 'ActionNotAvailableError';
  }
}

/** public/index.html is missing: the UI was never built. */
export class UiNotBuiltError extends SunstoneError {
  constructor(indexFile: string, cause?: unknown) {
    super(
      'SUN_ERR_ROUTE_UI_NOT_BUILT',
      `The web UI is not built: ${indexFile} is missing. Run \`npm run build\` in the sunstone-server ` +
        'directory, then reload this page.',
      { statusCode: 500, cause },
    );
    this.name = 'UiNotBuiltError';
  }
}

/** DELETE /host/:id of a host that still runs VMs (Sunstone's message, checked before oned). */
export class HostHasVmsError extends SunstoneError {
  constructor() {
    super('SUN_ERR_ROUTE_HOST_HAS_VMS', 'Host still has associated VMs, aborting delete.', {
      statusCode: 500,
    });
    this.name = 'HostHasVmsError';
  }
}

/**
 * A create that takes several oned calls failed part way (group create: ACLs, admin user, template);
 * the message is Sunstone's ("Error creating admin user: <oned's message>"), what was created is undone.
 */
export class CreateStepError extends SunstoneError {
  constructor(message: string, cause?: unknown) {
    super('SUN_ERR_ROUTE_CREATE_STEP', message, { statusCode: 500, cause });
    this.name = 'CreateStepError';
  }
}

/** ZONENAME names no zone of `one.zonepool.info` (Sunstone's message and 404, §2.1 step 4). */
export class ZoneNotFoundError extends SunstoneError {
  constructor(name: string) {
    super('SUN_ERR_ROUTE_ZONE_NOT_FOUND', `Zone ${name} does not exist`, { statusCode: 404 });
    this.name = 'ZoneNotFoundError';
  }
}

/** The zone's oned does not answer one.system.config (Sunstone's 410; its message, then the cause). */
export class ZoneUnavailableError extends SunstoneError {
  constructor(name: string, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super('SUN_ERR_ROUTE_ZONE_UNAVAILABLE', `Zone ${name} not available ${why}`, { statusCode: 410, cause });
    this.name = 'ZoneUnavailableError';
  }
}

/** The zone's one.system.config has no FEDERATION/ZONE_ID (Sunstone's message). */
export class ZoneIdUnknownError extends SunstoneError {
  constructor() {
    super('SUN_ERR_ROUTE_ZONE_ID_UNKNOWN', "Couldn't find out zone identifier", { statusCode: 500 });
    this.name = 'ZoneIdUnknownError';
  }
}

/**
 * Monitoring asked for a kind other than vm and host: 403 for one object (reference §3.4). The pool
 * route answers the same message with Sunstone's 200.
 */
export class MonitoringNotSupportedError extends SunstoneError {
  constructor(resource: string) {
    super('SUN_ERR_ROUTE_MONITORING_NOT_SUPPORTED', `Monitoring not supported for ${resource}`, {
      statusCode: 403,
    });
    this.name = 'MonitoringNotSupportedError';
  }
}

/** A path of routes/support.rb, vcenter.rb or nsx.rb (§3.10): services this server does not talk to. */
export class ServiceNotSupportedError extends SunstoneError {
  constructor(route: string, what: string) {
    super(
      'SUN_ERR_ROUTE_SERVICE_NOT_SUPPORTED',
      `${what} (/${route}/...) not supported by sunstone-server; use FireEdge or the CLI`,
      { statusCode: 501 },
    );
    this.name = 'ServiceNotSupportedError';
  }
}

/**
 * POST /vm/:id/guac/:type or /vm/:id/startvmrc for a VM that cannot have that console now (§3.8):
 * an unknown type, a state without a running hypervisor, no NIC or GRAPHICS for it, not a vCenter VM.
 */
export class RemoteConsoleError extends SunstoneError {
  constructor(
    code:
      | 'SUN_ERR_ROUTE_CONSOLE_TYPE'
      | 'SUN_ERR_ROUTE_CONSOLE_STATE'
      | 'SUN_ERR_ROUTE_CONSOLE_SETTINGS'
      | 'SUN_ERR_ROUTE_CONSOLE_NOT_VCENTER',
    message: string,
  ) {
    super(code, message, { statusCode: 400 });
    this.name = 'RemoteConsoleError';
  }
}

/** VAR/.one/fireedge_key (FireEdge's shared key for Guacamole tokens) is missing or unusable: 400 as Sunstone. */
export class FireEdgeKeyError extends SunstoneError {
  constructor(path: string, why: string, cause?: unknown) {
    super(
      'SUN_ERR_ROUTE_FIREEDGE_KEY',
      `Guacamole consoles need FireEdge's key ${path} (${why}); run sunstone-server on the FireEdge ` +
        'front-end, or copy that file here readable by the server',
      { statusCode: 400, cause },
    );
    this.name = 'FireEdgeKeyError';
  }
}

/** GET /marketplaceapp/:id/download failed before the first byte was sent (§3.7): 500 as Sunstone. */
export class MarketDownloadError extends SunstoneError {
  constructor(
    code: 'SUN_ERR_ROUTE_DOWNLOADER_MISSING' | 'SUN_ERR_ROUTE_MARKET_DOWNLOAD',
    message: string,
    cause?: unknown,
  ) {
    super(code, message, { statusCode: 500, cause });
    this.name = 'MarketDownloadError';
  }
}
