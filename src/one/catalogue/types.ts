// The shapes of the resource catalogue (reference sunstone-server.md §3.5, §4.5-4.6). Declarative
// only: a spec says which parameters a request carries and how each XML-RPC argument is built from
// them; the route layer does the building, the simulator reads the method names and argument types.
// Pure types: the UI bundles this file.

/**
 * Types of request parameters. `octet` is a permission octet such as "640"; `integer-list` a list of
 * ids (user gids); `object` a JSON object (usually turned into template text).
 */
export type ParamType = 'integer' | 'boolean' | 'string' | 'object' | 'octet' | 'integer-list';

export interface ActionParam {
  readonly name: string;
  readonly type: ParamType;
  /** Value used when the client leaves the parameter out. */
  readonly default?: string | number | boolean;
  /** May be left out and then has no value (no default); absent with neither = required. */
  readonly optional?: boolean;
}

/** How one XML-RPC argument (after the session string) is built from the request. */
export type ActionArg =
  | { readonly from: 'id' }
  /** The parameter's value; `as: 'string'` sends an integer as its decimal text (disk sizes). */
  | { readonly from: 'param'; readonly name: string; readonly as?: 'string' }
  | { readonly from: 'literal'; readonly value: string | number | boolean }
  /** `name` or `name-hard` depending on the boolean `hard` parameter (one.vm.action names). */
  | { readonly from: 'hard-variant'; readonly name: string }
  /** oned's update type from a boolean `append` parameter: 1 (merge) or 0 (replace). */
  | { readonly from: 'update-type'; readonly name: string }
  /** An object parameter as OpenNebula template text (§4.7); "" when an optional one is absent. */
  | { readonly from: 'template'; readonly name: string }
  /** The nine permission integers, from `octet` or from the owner_u ... other_a flags. */
  | { readonly from: 'permissions' }
  /** `LEASES = [ IP|IP6|MAC = <addr> ]` from an address parameter (vnet hold/release). */
  | { readonly from: 'lease'; readonly name: string }
  /** The reservation template of one.vn.reserve from size, name, ar_id, addr, vnet. */
  | { readonly from: 'reservation' };

/**
 * What Sunstone answers on success. 'none': 204 (the OCA call returned nil); 'value': 201 with
 * oned's value as JSON (a new id as a bare number, a token string); `stub`: 201 with
 * `{"<stub>":{"ID":"<n>"}}` for the new object, as Sunstone's new_with_id(...).to_json.
 */
export type ActionResult = 'none' | 'value' | { readonly stub: string };

interface ActionBase {
  /** The `perform` value of `{"action":{"perform":...}}`. */
  readonly name: string;
  readonly params: readonly ActionParam[];
  /** For the UI's menus: a label, and whether the action destroys something. */
  readonly ui?: { readonly label: string; readonly danger?: boolean };
}

/** An action that is exactly one XML-RPC call. */
export interface CallAction extends ActionBase {
  readonly method: string;
  readonly args: readonly ActionArg[];
  readonly result: ActionResult;
}

/** Actions Sunstone performs with more than one call or with logic around the call. */
export type ProcedureName =
  | 'template-instantiate'
  | 'vrouter-instantiate'
  | 'user-enable-two-factor-auth'
  | 'user-disable-two-factor-auth'
  | 'vm-save-as-template'
  | 'image-rm-attr'
  | 'marketapp-export'
  | 'marketapp-import-template'
  | 'marketapp-import-service'
  | 'host-import-wild';

/** An action the route layer implements by name (src/routes/procedures/*). */
export interface ProcedureAction extends ActionBase {
  readonly procedure: ProcedureName;
  /** Every XML-RPC method the procedure may call (for the simulator's method table). */
  readonly methods: readonly string[];
}

export type ActionSpec = CallAction | ProcedureAction;

/** One argument of an allocate call in POST /:pool (reference §4.5). */
export type CreateArg =
  /** The root object as template text, or the string under the raw-template key. */
  | { readonly from: 'template' }
  /** A key beside the root object: `{"image":{...},"ds_id":1}`. */
  | { readonly from: 'body'; readonly key: string; readonly type: 'integer'; readonly default?: number }
  /** A key inside the root object: `{"cluster":{"name":"c1"}}`. */
  | {
      readonly from: 'field';
      readonly key: string;
      readonly type: 'string' | 'integer' | 'integer-list';
      readonly default?: string | number;
    }
  | { readonly from: 'literal'; readonly value: string | number | boolean };

interface CreateBase {
  /** The body's root key: `{"vm":{...}}`. */
  readonly root: string;
}

export interface CallCreate extends CreateBase {
  /** Key inside the root object whose string is sent as the template unchanged (`vm_raw`). */
  readonly raw?: string;
  readonly method: string;
  readonly args: readonly CreateArg[];
}

export type CreateProcedureName = 'host-create' | 'group-create' | 'acl-create';

export interface ProcedureCreate extends CreateBase {
  readonly procedure: CreateProcedureName;
  readonly methods: readonly string[];
}

export type CreateSpec = CallCreate | ProcedureCreate;

/** DELETE /:resource/:id (reference §3.5). */
export interface DeleteSpec {
  readonly method: string;
  /** Built like action arguments; only `id` and `literal` appear. */
  readonly args: readonly ActionArg[];
  /** Read the object first and answer 404 when that fails; false for ACL rules (no info call). */
  readonly read: boolean;
  /** Refuse a host that still runs VMs, before oned is called. */
  readonly guard?: 'no-running-vms';
}

export interface PoolSpec {
  /** XML-RPC method listing the pool. */
  readonly method: string;
  /** Takes (filter, start, end): the Sunstone pool_filter applies. */
  readonly filtered: boolean;
  /** Fetched in pages of ONE_POOL_PAGE_SIZE and always returned as an array or null (vm, image). */
  readonly paginated: boolean;
  /** Extra trailing XML-RPC arguments (vmpool.info's state filter: -1 = all but DONE). */
  readonly extraArgs?: readonly number[];
}

/** What one kind adds to the catalogue besides its names. */
export interface KindBehaviour {
  readonly actions: readonly ActionSpec[];
  readonly create: CreateSpec;
  readonly delete: DeleteSpec;
}

export interface ResourceKind extends KindBehaviour {
  /** Name in URLs: GET /vm, GET /vm/7. */
  readonly url: string;
  /** Root element of one object, and of the pool. */
  readonly element: string;
  readonly poolElement: string;
  /** XML-RPC family: one.<rpc>.info ... */
  readonly rpc: string;
  readonly pool: PoolSpec;
  /** oned's human name of the object in error messages (Request::object_name). */
  readonly objectName: string;
  /** oned's authorization type in AUTHORIZATION messages (AuthRequest). */
  readonly authType: string;
  /** One object can be read by id (one.<rpc>.info(id)); not ACL rules, which oned only lists. */
  readonly infoById: boolean;
}
