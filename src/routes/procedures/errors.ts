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
