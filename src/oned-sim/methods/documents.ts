// Generic documents (reference oned-xmlrpc.md §2.10), where OneFlow keeps services (type 100)
// and service templates (type 101).
import type { MethodSpec } from '../call.js';
import type { KindModule } from './generic.js';

export const documentMethods: Record<string, MethodSpec> = {};

export const documentModule: KindModule = { rpc: 'document', ops: () => undefined, methods: documentMethods };
