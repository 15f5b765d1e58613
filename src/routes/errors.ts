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
