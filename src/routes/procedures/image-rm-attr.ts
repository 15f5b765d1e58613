// image `rm_attr` (name) (reference §4.6). Ruby Sunstone called a method OCA's Image does not have
// and crashed; what it meant: remove the attribute from the image template. The template as read
// by the route, without that attribute (names are upper-case in oned), replaces the old one
// (one.image.update type 0). An attribute the template lacks leaves it as it was -> 204 all the same.
import type { JsonValue } from '../../one/template-text.js';
import { jsonToTemplate } from '../../one/template-text.js';
import { isObject } from '../one-json.js';
import type { ActionProcedure } from './types.js';

export const imageRmAttr: ActionProcedure = async (ctx) => {
  const image = ctx.object.IMAGE;
  const template = isObject(image) && isObject(image.TEMPLATE) ? image.TEMPLATE : {};
  const name = String(ctx.params.get('name') ?? '').toUpperCase();
  const kept: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(template)) if (key !== name) kept[key] = value as JsonValue;
  await ctx.oneClient.call(ctx.session, 'one.image.update', [ctx.id, jsonToTemplate(kept), 0]);
  return { status: 204 };
};
