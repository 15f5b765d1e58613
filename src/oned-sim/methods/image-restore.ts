// one.image.restore(id, ds_id, options) (reference oned-xmlrpc.md §2.7): a backup image becomes
// one new image per backed-up disk in an image datastore and a VM template that uses them;
// oned answers "<template id> <image id> ...". Options: NAME (prefix), NO_NIC, NO_IP.
import { authorize, OP } from '../authz.js';
import { fail, getOr, type CallContext } from '../call.js';
import { ONED } from '../errors.js';
import type { ImageRec } from '../records.js';
import { checkNewName, parseOrFail } from './common.js';
import { createImage, IMAGE_KIND } from './image-kind.js';
import { insertTemplate, TEMPLATE_KIND } from './template-kind.js';

const yes = (v: string | undefined): boolean => (v ?? '').toUpperCase() === 'YES';

export function restoreBackup(ctx: CallContext, img: ImageRec, dsId: number, options: string): string {
  const state = ctx.sim.state;
  const backup = img.backup;
  if (img.type !== 6 || !backup)
    throw fail(ONED.ACTION, ctx.method, 'Only BACKUP images can be restored', img.id);
  const ds = getOr(state.datastores.get(dsId), ctx.method, 'datastore', dsId);
  authorize(state, ctx.method, ctx.who, [
    ['IMAGE', null, OP.CREATE],
    ['TEMPLATE', null, OP.CREATE],
    ['DATASTORE', { id: ds.id, uid: ds.uid, gid: ds.gid, perms: ds.perms, clusters: ds.clusters }, OP.USE],
  ]);
  if (ds.type !== 0)
    throw fail(ONED.ACTION, ctx.method, 'Backups can only be restored into an IMAGE_DS datastore', img.id);
  const opts = parseOrFail(ctx.method, options.replace(/\s+(?=[A-Z_]+=)/g, '\n'));
  const prefix = `${opts.get('NAME') ?? backup.vmName}-${img.id}`;
  const names = backup.disks.map((d) => `${prefix}-disk-${d.diskId}`);
  checkNewName(ctx, TEMPLATE_KIND, prefix, ctx.who.uid);
  for (const n of names) checkNewName(ctx, IMAGE_KIND, n, ctx.who.uid);
  const t = backup.template.clone();
  const disks = t.vectors('DISK');
  t.remove('DISK');
  const made = backup.disks.map((d, i) => {
    const copy = createImage(ctx, {
      name: names[i] as string,
      uid: ctx.who.uid,
      gid: ctx.who.gid,
      ds,
      type: i === 0 ? 0 : 2,
      size: d.size,
      format: d.format,
      persistent: false,
      path: '',
      template: parseOrFail(ctx.method, 'DEV_PREFIX = "vd"'),
    });
    const target = disks.find((x) => x.get('DISK_ID') === String(d.diskId))?.get('TARGET');
    t.add({
      name: 'DISK',
      vector: new Map([
        ['IMAGE_ID', String(copy.id)],
        ...(target ? [['TARGET', target] as [string, string]] : []),
      ]),
    });
    return copy.id;
  });
  if (yes(opts.get('NO_NIC'))) t.remove('NIC');
  else if (yes(opts.get('NO_IP')))
    for (const nic of t.vectors('NIC')) for (const k of ['IP', 'MAC']) nic.delete(k);
  const tmpl = insertTemplate(ctx, prefix, t);
  return [tmpl.id, ...made].join(' ');
}
