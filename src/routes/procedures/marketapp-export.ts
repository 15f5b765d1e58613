// marketplaceapp `export` (dsid, name, vmtemplate_name, notemplate; vcenter_template and tag are
// accepted and unused, as for KVM apps) (reference §4.6): an IMAGE app becomes an image in datastore
// `dsid` (one.image.allocate of the app's APPTEMPLATE64 with NAME and FROM_APP, oned copying the
// app's file), and unless `notemplate` its VM template (TEMPLATE/VMTEMPLATE64 with NAME and a DISK on
// the new image, one.template.allocate). 201 `{"IMAGE":[{"ID":n}],"VMTEMPLATE":[{"ID":m}]}` as
// Sunstone; a template oned refuses is listed as `{"ERROR":"<message>"}` beside the image, as the
// OCA reports it. An image oned refuses is the action's 500 with oned's message.
import { jsonToTemplate } from '../../one/template-text.js';
import { textAt } from '../one-json.js';
import { MarketAppExportTypeError } from './errors.js';
import type { ActionProcedure } from './types.js';

const APP_TYPES = ['UNKNOWN', 'IMAGE', 'VMTEMPLATE', 'SERVICE_TEMPLATE'];

function decode64(text: string | undefined): string {
  return text === undefined || text === '' ? '' : Buffer.from(text, 'base64').toString('utf8');
}

type Entry = { readonly ID: number } | { readonly ERROR: string };

export const marketappExport: ActionProcedure = async (ctx) => {
  const app = ctx.object.MARKETPLACEAPP;
  const type = textAt(app, 'TYPE') ?? '0';
  if (type !== '1') throw new MarketAppExportTypeError(ctx.id, APP_TYPES[Number(type)] ?? type);
  const given = String(ctx.params.get('name') ?? '');
  const name = given === '' ? (textAt(app, 'NAME') ?? `app-${ctx.id}`) : given;
  const imageText = [
    decode64(textAt(app, 'APPTEMPLATE64')).trimEnd(),
    jsonToTemplate({ NAME: name, FROM_APP: String(ctx.id) }),
  ].join('\n');
  const imageId = Number(
    await ctx.oneClient.call(ctx.session, 'one.image.allocate', [imageText, ctx.params.get('dsid') ?? -1]),
  );
  const templates: Entry[] = [];
  const vmTemplate = decode64(textAt(app, 'TEMPLATE/VMTEMPLATE64')).trimEnd();
  if (ctx.params.get('notemplate') !== true && vmTemplate !== '') {
    const vmName = String(ctx.params.get('vmtemplate_name') ?? '');
    const text = [
      vmTemplate,
      jsonToTemplate({ NAME: vmName === '' ? name : vmName, DISK: { IMAGE_ID: String(imageId) } }),
    ].join('\n');
    try {
      templates.push({ ID: Number(await ctx.oneClient.call(ctx.session, 'one.template.allocate', [text])) });
    } catch (err) {
      templates.push({ ERROR: err instanceof Error ? err.message : String(err) });
    }
  }
  return { status: 201, body: JSON.stringify({ IMAGE: [{ ID: imageId }], VMTEMPLATE: templates }) };
};
