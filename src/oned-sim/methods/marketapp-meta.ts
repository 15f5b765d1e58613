// Marketplace apps of type VMTEMPLATE and SERVICE_TEMPLATE (reference oned-xmlrpc.md §2.10): they
// carry no file, only their description, so oned takes APPTEMPLATE64 from the allocate template
// as given (the base64 of the VM template text, or of the OneFlow template body) and the app is
// READY at once; IMAGE apps get a generated APPTEMPLATE64 and stay LOCKED while the file copies.
import type { Template } from '../template.js';

export interface AppContent {
  readonly appTemplate64: string;
  /** Nothing to copy: READY without the LOCKED phase. */
  readonly ready: boolean;
}

/** What an app of `typeName` holds; removes APPTEMPLATE64 from `t` (it has its own element). */
export function appContent(typeName: string, t: Template): AppContent {
  if (typeName === 'IMAGE') {
    t.remove('APPTEMPLATE64');
    return { appTemplate64: Buffer.from('DEV_PREFIX="vd"\nTYPE="OS"\n').toString('base64'), ready: false };
  }
  const given = t.get('APPTEMPLATE64') ?? '';
  t.remove('APPTEMPLATE64');
  return { appTemplate64: given, ready: true };
}
