// Generic documents (reference oned-xmlrpc.md §2.10), where OneFlow keeps services (type 100)
// and service templates (type 101): allocate(template, type), clone, the pool filtered by type,
// and the generic info, update, rename, chown, chmod, lock, unlock and delete. Documents are not
// a Sunstone kind, so their methods are listed here rather than derived from the catalogue.
import { authorize, OP } from '../authz.js';
import type { CallContext, MethodSpec } from '../call.js';
import type { DocumentRec } from '../records.js';
import type { Template } from '../template.js';
import { documentXml } from '../xml/document.js';
import {
  allocName,
  allocTemplate,
  fetchAuthorized,
  filteredPoolSpec,
  infoSpec,
  newOwned,
  ownedKind,
  renameSpec,
  updateSpec,
} from './common.js';
import { deleteSpec } from './delete.js';
import type { KindModule } from './generic.js';
import { chmodSpec, chownSpec, lockSpec, unlockSpec } from './ownership.js';

export const DOCUMENT_KIND = ownedKind<DocumentRec>({
  authType: 'DOCUMENT',
  objectName: 'document',
  pool: (s) => s.documents,
  xml: (ctx, d) => documentXml(ctx.sim.state, d),
  template: (d) => d.template,
});

function insertDocument(ctx: CallContext, name: string, type: number, t: Template): DocumentRec {
  const state = ctx.sim.state;
  return state.documents.insert({
    ...newOwned(ctx, state.documents.nextId(), name),
    type,
    template: t,
  });
}

export const documentMethods: Record<string, MethodSpec> = {
  'one.document.allocate': {
    params: 'si',
    handler: (ctx, args) => {
      const { t, name } = allocTemplate(ctx, DOCUMENT_KIND, args.str(0));
      return insertDocument(ctx, name, args.int(1), t).id;
    },
  },
  'one.document.clone': {
    params: 'is',
    handler: (ctx, args) => {
      const src = fetchAuthorized(ctx, DOCUMENT_KIND, args.int(0), OP.USE);
      authorize(ctx.sim.state, ctx.method, ctx.who, [['DOCUMENT', null, OP.CREATE]], src.id);
      const t = src.template.clone();
      t.set('NAME', args.str(1));
      const name = allocName(ctx, DOCUMENT_KIND, t, ctx.who.uid);
      return insertDocument(ctx, name, src.type, t).id;
    },
  },
  'one.document.info': infoSpec(DOCUMENT_KIND),
  'one.document.update': updateSpec(DOCUMENT_KIND),
  'one.document.rename': renameSpec(DOCUMENT_KIND),
  'one.document.chown': chownSpec(DOCUMENT_KIND),
  'one.document.chmod': chmodSpec(DOCUMENT_KIND),
  'one.document.lock': lockSpec(DOCUMENT_KIND),
  'one.document.unlock': unlockSpec(DOCUMENT_KIND),
  'one.document.delete': deleteSpec(DOCUMENT_KIND),
  // (filter, start, end, type): the type is part of the filter (OneFlow asks for 100 or 101).
  'one.documentpool.info': {
    params: 'iiii',
    handler: (ctx, args) => {
      const type = args.int(3);
      return filteredPoolSpec(DOCUMENT_KIND, 'DOCUMENT_POOL', (d) => type < 0 || d.type === type).handler(
        ctx,
        args,
      );
    },
  },
};

export const documentModule: KindModule = { rpc: 'document', ops: () => undefined, methods: documentMethods };
