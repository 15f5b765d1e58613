// The procedures by the names the catalogue gives them: the one place the route layer maps a
// ProcedureName to code. A name without an entry is a compile error (Record over the union).
import type { CreateProcedureName, ProcedureName } from '../../one/catalogue.js';
import { aclCreate } from './acl-create.js';
import { groupCreate } from './group-create.js';
import { hostCreate } from './host-create.js';
import { hostImportWild } from './host-import-wild.js';
import { imageRmAttr } from './image-rm-attr.js';
import { marketappExport } from './marketapp-export.js';
import { marketappImportService, marketappImportTemplate } from './marketapp-import.js';
import { templateInstantiate } from './template-instantiate.js';
import type { ActionProcedure, CreateProcedure } from './types.js';
import { disableTwoFactorAuth, enableTwoFactorAuth } from './user-two-factor.js';
import { vmSaveAsTemplate } from './vm-save-as-template.js';
import { vrouterInstantiate } from './vrouter-instantiate.js';

export const ACTION_PROCEDURES: Readonly<Record<ProcedureName, ActionProcedure>> = {
  'template-instantiate': templateInstantiate,
  'vrouter-instantiate': vrouterInstantiate,
  'user-enable-two-factor-auth': enableTwoFactorAuth,
  'user-disable-two-factor-auth': disableTwoFactorAuth,
  'vm-save-as-template': vmSaveAsTemplate,
  'image-rm-attr': imageRmAttr,
  'marketapp-export': marketappExport,
  'marketapp-import-template': marketappImportTemplate,
  'marketapp-import-service': marketappImportService,
  'host-import-wild': hostImportWild,
};

export const CREATE_PROCEDURES: Readonly<Record<CreateProcedureName, CreateProcedure>> = {
  'host-create': hostCreate,
  'group-create': groupCreate,
  'acl-create': aclCreate,
};
