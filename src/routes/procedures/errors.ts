// Refusals of the multi-call procedures that come from Sunstone's own checks (not oned's), with
// Sunstone's 500 and a message saying what to do.
import { SunstoneError } from '../../errors.js';

/** save_as_template of a VM that is not powered off (its disks could still change while copied). */
export class SaveAsTemplateStateError extends SunstoneError {
  constructor(vmId: number, state: string) {
    super(
      'SUN_ERR_ROUTE_SAVE_AS_TEMPLATE_STATE',
      `VM state must be POWEROFF, current state is ${state}; power off VM ${vmId} first`,
      { statusCode: 500 },
    );
    this.name = 'SaveAsTemplateStateError';
  }
}

/** export of a marketplace app this server cannot export (only IMAGE apps carry an image). */
export class MarketAppExportTypeError extends SunstoneError {
  constructor(appId: number, type: string) {
    super(
      'SUN_ERR_ROUTE_EXPORT_TYPE',
      `Marketplace app ${appId} is of type ${type}; only IMAGE apps can be exported here (use the CLI, onemarketapp export, for the others)`,
      { statusCode: 500 },
    );
    this.name = 'MarketAppExportTypeError';
  }
}

/** host import_wild: the host lists no importable wild VM by that name (Sunstone's message). */
export class WildNotFoundError extends SunstoneError {
  constructor(name: string) {
    super('SUN_ERR_ROUTE_WILD_NOT_FOUND', `No importable wilds with name '${name}' found.`, {
      statusCode: 500,
    });
    this.name = 'WildNotFoundError';
  }
}

/** host import_wild: several importable wild VMs share the name, so it names none (Sunstone's message). */
export class WildAmbiguousError extends SunstoneError {
  constructor(name: string) {
    super('SUN_ERR_ROUTE_WILD_AMBIGUOUS', `More than one importable wild with name '${name}' found.`, {
      statusCode: 500,
    });
    this.name = 'WildAmbiguousError';
  }
}

/** host import_wild of a vCenter wild VM: importing it takes the vCenter driver, which this server lacks. */
export class WildVcenterError extends SunstoneError {
  constructor(name: string, hostId: number) {
    super(
      'SUN_ERR_ROUTE_WILD_VCENTER',
      `Wild VM '${name}' of host ${hostId} is a vCenter VM; importing vCenter wild VMs needs the vCenter ` +
        'driver and is not supported by sunstone-server: import it with FireEdge or the CLI',
      { statusCode: 500 },
    );
    this.name = 'WildVcenterError';
  }
}
