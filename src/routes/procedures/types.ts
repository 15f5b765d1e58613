// What a procedure (an action or create Sunstone performs with more than one oned call, or with logic
// around the call) receives and returns. Procedures live one per file beside this one and are
// looked up by the catalogue's procedure name (./registry.ts).
import type { CreateSpec, ProcedureAction, ResourceKind } from '../../one/catalogue.js';
import type { XmlRpcValue } from '../../one/codec.js';
import type { OneClient, OneJson } from '../../one/types.js';

/** How an action answers: 204 without a body, or 201 with this JSON text. */
export type ActionReply = { readonly status: 204 } | { readonly status: 201; readonly body: string };

export interface ActionProcedureContext {
  readonly oneClient: OneClient;
  readonly session: string;
  readonly kind: ResourceKind;
  readonly spec: ProcedureAction;
  readonly id: number;
  /** The object as the route read it before acting (Sunstone's retrieve_resource). */
  readonly object: OneJson;
  /** The declared parameters, type-checked, defaults applied. */
  readonly params: ReadonlyMap<string, XmlRpcValue>;
  /** Clock in epoch ms (2FA codes); default Date.now. */
  readonly now?: () => number;
}

export type ActionProcedure = (ctx: ActionProcedureContext) => Promise<ActionReply>;

export interface CreateProcedureContext {
  readonly oneClient: OneClient;
  readonly session: string;
  readonly kind: ResourceKind;
  readonly spec: CreateSpec;
  /** The value under the root key (an object for most kinds, the rule string for acl). */
  readonly value: unknown;
  /** The whole request body. */
  readonly body: Readonly<Record<string, unknown>>;
}

/** Resolves with the new object's id. */
export type CreateProcedure = (ctx: CreateProcedureContext) => Promise<number>;
