// Template clone and the recursive variants of delete and chmod (reference oned-xmlrpc.md §2.5):
// a recursive clone copies the images of the template's DISKs (IMAGE_ID) and points the copy at
// them; a recursive delete removes those images too; instantiate with `persistent` makes a
// private persistent copy first, as oned does.
import { authorize, OP } from '../authz.js';
import { fail, getOr, type CallContext } from '../call.js';
import { ONED } from '../errors.js';
import type { ImageRec, VmTemplateRec } from '../records.js';
import { allocError, checkNewName, nameProblem } from './common.js';
import { IMAGE_KIND, imageDeleteRefusal } from './image-kind.js';
import { cloneImage } from './image-ops.js';
import { chmodBits } from './ownership.js';
import { insertTemplate, TEMPLATE_KIND } from './template-kind.js';

/** The images the template's DISKs name by IMAGE_ID. */
export function templateImages(ctx: CallContext, t: VmTemplateRec): ImageRec[] {
  const out: ImageRec[] = [];
  for (const disk of t.template.vectors('DISK')) {
    const id = disk.get('IMAGE_ID');
    const img = id !== undefined && /^\d+$/.test(id) ? ctx.sim.state.images.get(Number(id)) : undefined;
    if (img && !out.includes(img)) out.push(img);
  }
  return out;
}

export function cloneTemplate(
  ctx: CallContext,
  src: VmTemplateRec,
  name: string,
  opts: { recursive: boolean; persistent?: boolean },
): VmTemplateRec {
  const state = ctx.sim.state;
  authorize(state, ctx.method, ctx.who, [['TEMPLATE', null, OP.CREATE]], src.id);
  const problem = nameProblem(name);
  if (problem) throw allocError(ctx, 'virtual machine template', `${problem}.`);
  checkNewName(ctx, TEMPLATE_KIND, name, ctx.who.uid);
  const t = src.template.clone();
  if (opts.recursive) {
    const images = templateImages(ctx, src);
    for (const img of images)
      authorize(state, ctx.method, ctx.who, [['IMAGE', IMAGE_KIND.auth(img), OP.USE]], src.id);
    const copies = new Map<string, string>();
    images.forEach((img, i) => {
      const copy = cloneImage(ctx, img, `${name}-disk-${i}`, -1, { persistent: opts.persistent ?? false });
      copies.set(String(img.id), String(copy.id));
    });
    for (const disk of t.vectors('DISK')) {
      const to = copies.get(disk.get('IMAGE_ID') ?? '');
      if (to !== undefined) disk.set('IMAGE_ID', to);
    }
  }
  return insertTemplate(ctx, name, t);
}

/** Template delete with `recursive`: its images go too (each must be deletable). */
export function deleteTemplate(ctx: CallContext, id: number, recursive: boolean): number {
  const state = ctx.sim.state;
  const tmpl = getOr(state.templates.get(id), ctx.method, TEMPLATE_KIND.objectName, id);
  const images = recursive ? templateImages(ctx, tmpl) : [];
  authorize(
    state,
    ctx.method,
    ctx.who,
    [
      ['TEMPLATE', TEMPLATE_KIND.auth(tmpl), OP.MANAGE],
      ...images.map((img) => ['IMAGE', IMAGE_KIND.auth(img), OP.MANAGE] as const),
    ],
    id,
  );
  for (const img of images) {
    const refusal = imageDeleteRefusal(img);
    if (refusal)
      throw fail(
        ONED.ACTION,
        ctx.method,
        `Cannot delete virtual machine template. Image ${img.id}: ${refusal}`,
        id,
      );
  }
  state.templates.remove(id);
  for (const img of images) {
    img.prevState = img.state;
    img.state = 7;
    state.images.remove(img.id);
    const ds = state.datastores.get(img.datastoreId);
    if (ds) {
      ds.freeMb = Math.min(ds.totalMb, ds.freeMb + img.size);
      ds.usedMb = Math.max(0, ds.usedMb - img.size);
    }
  }
  if (images.length > 0) state.vmVersion++;
  return id;
}

/** The template chmod's recursive part: the same bits on its images (MANAGE, or ADMIN for *_A). */
export function chmodTemplateImages(
  ctx: CallContext,
  tmpl: VmTemplateRec,
  values: readonly number[],
  recursive: boolean,
): void {
  if (!recursive) return;
  const images = templateImages(ctx, tmpl);
  const changes = images.map((img) => [img, chmodBits(img.perms, values)] as const);
  authorize(
    ctx.sim.state,
    ctx.method,
    ctx.who,
    changes.map(([img, perms]) => [
      'IMAGE',
      IMAGE_KIND.auth(img),
      (perms & 0o111) !== (img.perms & 0o111) ? OP.ADMIN : OP.MANAGE,
    ]),
    tmpl.id,
  );
  for (const [img, perms] of changes) img.perms = perms;
}
