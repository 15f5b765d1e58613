// one.system.version and one.system.config (reference oned-xmlrpc.md §2.2).
import { XmlDoc, type MethodSpec } from '../call.js';
import { systemConfigXml } from '../xml/system-config.js';

export const systemMethods: Record<string, MethodSpec> = {
  'one.system.version': { params: '', handler: (ctx) => ctx.sim.state.version },
  'one.system.config': { params: '', handler: (ctx) => XmlDoc.of(systemConfigXml({ port: ctx.sim.port })) },
};
