// Importing into a marketplace (reference §3.7 POST /marketplaceapp/:type/create, §4.6 marketplaceapp
// vm.import / vm-template.import / service_template.import), what `onemarketapp vm-template import`
// and `service-template import` do in OpenNebula 6.10 with several oned calls:
// - a VM template: with IMPORT_ALL, one app of type IMAGE per image disk (one.marketapp.allocate with
//   ORIGIN_ID = the image, NAME "<NAME>-<image name>"), then one app of type VMTEMPLATE whose
//   APPTEMPLATE64 is the template text with those disks as `DISK=[APP="<app name>",...]` (the form
//   `export` of a VM template app reads back); without IMPORT_ALL the disks are left as they are.
// - a OneFlow service template (a one.document of type 101): with IMPORT_ALL each role's VM
//   template is imported as above into MARKETPLACE_ID, then one app of type SERVICE_TEMPLATE (in
//   MARKETPLACE_SERVICE_ID when given, else MARKETPLACE_ID) carrying the template body in
//   APPTEMPLATE64 and one `ROLE=[NAME, APP]` per imported role.
// The answer is Sunstone's result pair, always 201: `[0,[ids]]`, or `["<message>",[ids made]]` on the
// first failure (apps already made are kept and listed, so the caller can see and delete them).
import type { JsonValue } from '../../one/template-text.js';
import { jsonToTemplate } from '../../one/template-text.js';
import { xmlToJson } from '../../one/xml-to-json.js';
import type { OneClient, OneJson, OneJsonValue } from '../../one/types.js';
import { asList, isObject, textAt } from '../one-json.js';
import type { ActionProcedure, ActionProcedureContext } from './types.js';

type Attrs = Record<string, JsonValue>;

export interface ImportRequest {
  /** The VM template (or service template document) to import. */
  readonly originId: number;
  readonly marketId: number;
  /** Name of the new app; "" takes the origin's name. */
  readonly name: string;
  /** Also import the images (VM template) or the roles' VM templates (service). */
  readonly importAll: boolean;
  /** Marketplace of the service app itself; -1 = marketId. */
  readonly serviceMarketId: number;
}

/** Sunstone's result pair: 0 or the first failure's message, and the ids of the apps made. */
export type ImportResult = [0 | string, number[]];

const SERVICE_TEMPLATE_TYPE = '101';
/** Disk attributes naming the local image: replaced by APP in the app's template. */
const IMAGE_REFS = new Set(['IMAGE_ID', 'IMAGE', 'IMAGE_UNAME', 'IMAGE_UID']);

interface Call {
  readonly client: OneClient;
  readonly session: string;
}

async function infoDoc(c: Call, method: string, id: number): Promise<OneJson> {
  const xml = await c.client.call(c.session, method, [id]);
  return xmlToJson(typeof xml === 'string' ? xml : '');
}

async function allocateApp(c: Call, attrs: Attrs, marketId: number, made: number[]): Promise<void> {
  made.push(
    Number(await c.client.call(c.session, 'one.marketapp.allocate', [jsonToTemplate(attrs), marketId])),
  );
}

function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** The disk pointing at app `app`, every other attribute kept. */
function diskOnApp(disk: OneJsonValue, app: string): Attrs {
  const out: Attrs = {};
  if (isObject(disk))
    for (const [k, v] of Object.entries(disk)) if (!IMAGE_REFS.has(k)) out[k] = v as JsonValue;
  out.APP = app;
  return out;
}

/** Imports VM template `originId` into `marketId`; resolves with the VMTEMPLATE app's name. */
async function importTemplate(
  c: Call,
  originId: number,
  marketId: number,
  given: string,
  importAll: boolean,
  made: number[],
): Promise<string> {
  const doc = await infoDoc(c, 'one.template.info', originId);
  const vmt = doc.VMTEMPLATE;
  const name = given === '' ? (textAt(vmt, 'NAME') ?? `template-${originId}`) : given;
  const template: Attrs = {};
  const source = isObject(vmt) && isObject(vmt.TEMPLATE) ? vmt.TEMPLATE : {};
  for (const [k, v] of Object.entries(source)) if (k !== 'NAME') template[k] = v as JsonValue;
  if (importAll) {
    const disks: Attrs[] = [];
    for (const disk of asList(source.DISK)) {
      const imageId = textAt(disk, 'IMAGE_ID');
      if (imageId === undefined) {
        // Volatile disks and disks by image name stay as they are (only ids are exported).
        if (isObject(disk)) disks.push({ ...(disk as Attrs) });
        continue;
      }
      const image = await infoDoc(c, 'one.image.info', Number(imageId));
      const appName = `${name}-${textAt(image.IMAGE, 'NAME') ?? imageId}`;
      await allocateApp(c, { NAME: appName, ORIGIN_ID: imageId, TYPE: 'IMAGE' }, marketId, made);
      disks.push(diskOnApp(disk, appName));
    }
    if (disks.length > 0) template.DISK = disks;
  }
  await allocateApp(
    c,
    { NAME: name, ORIGIN_ID: '-1', TYPE: 'VMTEMPLATE', APPTEMPLATE64: b64(jsonToTemplate(template)) },
    marketId,
    made,
  );
  return name;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A VM template into a marketplace (§3.7, any type but "service"). */
export async function importVmTemplate(
  client: OneClient,
  session: string,
  req: ImportRequest,
): Promise<ImportResult> {
  const made: number[] = [];
  try {
    await importTemplate({ client, session }, req.originId, req.marketId, req.name, req.importAll, made);
    return [0, made];
  } catch (err) {
    return [messageOf(err), made];
  }
}

interface Role {
  readonly name: string;
  readonly template: number | undefined;
}

function rolesOf(body: string, docId: number): Role[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new Error(`Service template ${docId} has no valid JSON body`);
  }
  const roles = isObject(parsed as OneJsonValue) ? (parsed as { roles?: unknown }).roles : undefined;
  if (!Array.isArray(roles)) return [];
  return roles.map((r: unknown) => {
    const role = (typeof r === 'object' && r !== null ? r : {}) as { name?: unknown; vm_template?: unknown };
    const id = Number(role.vm_template);
    return { name: String(role.name ?? ''), template: Number.isInteger(id) && id >= 0 ? id : undefined };
  });
}

/** A OneFlow service template (document type 101) into a marketplace (§3.7 type "service"). */
export async function importServiceTemplate(
  client: OneClient,
  session: string,
  req: ImportRequest,
): Promise<ImportResult> {
  const c = { client, session };
  const made: number[] = [];
  try {
    const doc = (await infoDoc(c, 'one.document.info', req.originId)).DOCUMENT;
    if (textAt(doc, 'TYPE') !== SERVICE_TEMPLATE_TYPE)
      throw new Error(
        `Document ${req.originId} is not a service template (TYPE ${textAt(doc, 'TYPE') ?? '?'}, want 101)`,
      );
    const name = req.name === '' ? (textAt(doc, 'NAME') ?? `service-${req.originId}`) : req.name;
    const body = textAt(doc, 'TEMPLATE/BODY') ?? '{}';
    const attrs: Attrs = { NAME: name, ORIGIN_ID: '-1', TYPE: 'SERVICE_TEMPLATE', APPTEMPLATE64: b64(body) };
    if (req.importAll) {
      const roles: Attrs[] = [];
      for (const role of rolesOf(body, req.originId)) {
        if (role.template === undefined) continue;
        const app = await importTemplate(c, role.template, req.marketId, `${name}-${role.name}`, true, made);
        roles.push({ NAME: role.name, APP: app });
      }
      if (roles.length > 0) attrs.ROLE = roles;
    }
    await allocateApp(c, attrs, req.serviceMarketId >= 0 ? req.serviceMarketId : req.marketId, made);
    return [0, made];
  } catch (err) {
    return [messageOf(err), made];
  }
}

function requestOf(ctx: ActionProcedureContext): ImportRequest {
  return {
    originId: Number(ctx.params.get('ORIGIN_ID')),
    marketId: Number(ctx.params.get('MARKETPLACE_ID')),
    name: String(ctx.params.get('NAME') ?? ''),
    importAll: ctx.params.get('IMPORT_ALL') === true,
    serviceMarketId: Number(ctx.params.get('MARKETPLACE_SERVICE_ID') ?? -1),
  };
}

/** marketplaceapp vm.import / vm-template.import: the same as POST /marketplaceapp/vm-template/create. */
export const marketappImportTemplate: ActionProcedure = async (ctx) => ({
  status: 201,
  body: JSON.stringify(await importVmTemplate(ctx.oneClient, ctx.session, requestOf(ctx))),
});

/** marketplaceapp service_template.import: the same as POST /marketplaceapp/service/create. */
export const marketappImportService: ActionProcedure = async (ctx) => ({
  status: 201,
  body: JSON.stringify(await importServiceTemplate(ctx.oneClient, ctx.session, requestOf(ctx))),
});
