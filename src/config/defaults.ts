// The one table of sunstone-server.conf keys: each key's default and the check its value must
// pass. Defaults are the values Sunstone 6.10 ships (reference sunstone-server.md §7.2), or the
// code default for keys the shipped file leaves commented out; keys marked 'ours' are this
// server's additions. sunstone-server.conf.example shows the same table (a test keeps them equal).
import {
  anything,
  boolean,
  either,
  integer,
  isAddressOrCidr,
  map,
  mapping,
  nested,
  oneOf,
  optionalText,
  optionalUrl,
  refine,
  text,
  textList,
  url,
} from './checks.js';
import { deepFreeze } from './deep-freeze.js';
import type { Check } from './checks.js';
import type { FileSettings } from './types.js';

export interface KeySpec<T> {
  readonly default: T;
  readonly check: Check<T>;
  /** A secret: its value is never printed, not in `config check` nor in a problem message. */
  readonly secret?: boolean;
  /** 'sunstone': a key of Sunstone's own file; 'ours': an addition of this server. */
  readonly origin: 'sunstone' | 'ours';
  /** A mapping of settings whose sub-keys are Ruby symbols too (`:log:` then `:level:`). */
  readonly nested?: true;
}

/** Keys of older Sunstone releases: accepted without a warning, not part of SunstoneConfig. */
export interface LegacyKeySpec {
  readonly check: Check<unknown>;
  readonly secret?: boolean;
  /** Why it is ignored (or where its value goes), for `config check`. */
  readonly note: string;
}

const HTTP = ['http', 'https'] as const;

/** Sunstone's default lease actions, shown as a button and a clock in the VM list. */
const DEFAULT_LEASES: Readonly<Record<string, unknown>> = {
  suspense: {
    time: '+1209600',
    color: '#000000',
    warning: { time: '-86400', color: '#085aef' },
  },
  terminate: {
    time: '+1209600',
    color: '#e1ef08',
    warning: { time: '-86400', color: '#ef2808' },
  },
};

/** `/sunstone` style: leading slash, no trailing slash, no dot segments; '' for the root. */
function isBasePath(s: string): boolean {
  if (s === '' || s === '/') return true;
  return /^(?:\/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)+\/?$/.test(s) && !/(?:^|\/)\.{1,2}(?:\/|$)/.test(s);
}

/** `29876` or `IP:29876`, as websockify's listen argument. */
function isListenPort(s: string): boolean {
  const m = /^(?:(.+):)?(\d{1,5})$/.exec(s);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 65535;
}

/** The datatable page sizes are handed to the UI as text; an unquoted YAML list is accepted too. */
const paginateCheck: Check<string> = (value) => {
  if (Array.isArray(value)) return { ok: true, value: JSON.stringify(value).replace(/,/g, ', ') };
  return text({ nonEmpty: true })(value);
};

export const FILE_KEYS: { readonly [K in keyof FileSettings]: KeySpec<FileSettings[K]> } = deepFreeze({
  // -- server
  tmpdir: { default: '/var/tmp', check: text({ nonEmpty: true }), origin: 'sunstone' },
  host: { default: '0.0.0.0', check: text({ nonEmpty: true }), origin: 'sunstone' },
  port: { default: 9869, check: integer(1, 65535), origin: 'sunstone' },
  env: { default: 'prod', check: text({ nonEmpty: true }), origin: 'sunstone' },
  log: {
    default: { level: 3, system: 'file' },
    check: nested<{ level: number; system: 'file' | 'syslog' }>(
      { level: integer(0, 3), system: oneOf(['file', 'syslog']) },
      { level: 3, system: 'file' },
    ),
    origin: 'sunstone',
    nested: true,
  },
  max_upload_file_size: {
    default: null,
    check: integer(1, undefined, { nullable: true }),
    origin: 'sunstone',
  },
  proxy: { default: null, check: optionalUrl(HTTP, 'http://proxy.example.com:3128'), origin: 'sunstone' },
  no_proxy: { default: null, check: optionalText(), origin: 'sunstone' },

  // -- oned
  one_xmlrpc: {
    default: 'http://localhost:2633/RPC2',
    check: url(HTTP, 'http://HOST:2633/RPC2'),
    origin: 'sunstone',
  },
  one_xmlrpc_timeout: { default: 60, check: integer(1, 2_147_483), origin: 'sunstone' },
  subscriber_endpoint: {
    default: 'tcp://localhost:2101',
    check: text({ nonEmpty: true }),
    origin: 'sunstone',
  },
  one_xmlrpc_max_connections: { default: 8, check: integer(1, 1024), origin: 'ours' },

  // -- sessions and auth
  sessions: { default: 'memory', check: oneOf(['memory', 'memcache', 'memcache-dalli']), origin: 'sunstone' },
  memcache_host: { default: ['localhost'], check: textList({ commaString: true }), origin: 'sunstone' },
  memcache_port: { default: 11211, check: integer(1, 65535), origin: 'sunstone' },
  memcache_namespace: { default: 'opennebula.sunstone', check: text({ nonEmpty: true }), origin: 'sunstone' },
  session_expire_time: { default: 3600, check: integer(1), origin: 'sunstone' },
  keep_me_logged: { default: true, check: boolean(), origin: 'sunstone' },
  auth: {
    default: 'opennebula',
    check: oneOf(['sunstone', 'opennebula', 'remote', 'x509']),
    origin: 'sunstone',
  },
  core_auth: { default: 'cipher', check: oneOf(['cipher', 'x509']), origin: 'sunstone' },
  two_factor_auth_issuer: { default: 'opennebula', check: text({ nonEmpty: true }), origin: 'sunstone' },
  expire_delta: { default: 1800, check: integer(1), origin: 'sunstone' },
  expire_margin: { default: 300, check: integer(0), origin: 'sunstone' },
  session_secret: {
    default: null,
    check: refine(
      optionalText(),
      (s) => s === null || s.length >= 32,
      'a text of at least 32 characters (e.g. the output of: openssl rand -hex 32), ' +
        'or nothing to derive it from sunstone_auth',
    ),
    secret: true,
    origin: 'ours',
  },
  session_bind_ip: { default: false, check: boolean(), origin: 'ours' },
  trusted_proxies: {
    default: ['127.0.0.1/8', '::1'],
    check: textList({
      commaString: true,
      item: {
        test: isAddressOrCidr,
        one: 'an IP address or CIDR range such as 10.0.0.5, 127.0.0.1/8 or ::1',
        many: 'IP addresses or CIDR ranges',
      },
    }),
    origin: 'ours',
  },
  base_path: {
    default: '',
    check: map(
      refine(text({ nullAs: '' }), isBasePath, 'a URL path such as /sunstone, or empty for the root'),
      (s) => s.replace(/\/+$/, ''),
    ),
    origin: 'ours',
  },
  workers: {
    default: 1,
    check: either<number | 'auto'>(
      'an integer from 1 to 256, or auto (one per CPU)',
      integer(1, 256),
      oneOf(['auto']),
    ),
    origin: 'ours',
  },

  // -- WebAuthn
  webauthn_origin: {
    default: 'http://localhost:9869',
    check: url(HTTP, 'https://sunstone.example.com'),
    origin: 'sunstone',
  },
  webauthn_rpname: { default: 'OpenNebula Cloud', check: text({ nonEmpty: true }), origin: 'sunstone' },
  webauthn_timeout: { default: 60000, check: integer(1), origin: 'sunstone' },
  webauthn_rpid: { default: null, check: optionalText(), origin: 'sunstone' },
  webauthn_algorithms: { default: ['ES256', 'PS256', 'RS256'], check: textList(), origin: 'sunstone' },

  // -- consoles
  vnc_proxy_port: {
    default: '29876',
    check: refine(text({ nonEmpty: true }), isListenPort, 'a port such as 29876, or IP:PORT'),
    origin: 'sunstone',
  },
  vnc_proxy_support_wss: {
    default: 'no',
    check: oneOf(['no', 'yes', 'only'], { fromBoolean: { true: 'yes', false: 'no' } }),
    origin: 'sunstone',
  },
  vnc_proxy_cert: { default: '', check: text({ nullAs: '' }), origin: 'sunstone' },
  vnc_proxy_key: { default: '', check: text({ nullAs: '' }), origin: 'sunstone' },
  vnc_proxy_ipv6: { default: false, check: boolean(), origin: 'sunstone' },
  vnc_client_port: { default: null, check: integer(1, 65535, { nullable: true }), origin: 'sunstone' },
  vnc_request_password: { default: false, check: boolean(), origin: 'sunstone' },
  allow_vnc_federation: {
    default: 'no',
    check: oneOf(['yes', 'no'], { fromBoolean: { true: 'yes', false: 'no' } }),
    origin: 'sunstone',
  },
  disable_guacamole_info_header: { default: false, check: boolean(), origin: 'sunstone' },

  // -- UI
  lang: { default: 'en_US', check: text({ nonEmpty: true }), origin: 'sunstone' },
  table_order: { default: 'desc', check: oneOf(['asc', 'desc']), origin: 'sunstone' },
  mode: { default: 'mixed', check: text({ nonEmpty: true }), origin: 'sunstone' },
  get_extended_vm_info: { default: false, check: boolean(), origin: 'sunstone' },
  get_extended_vm_monitoring: { default: false, check: boolean(), origin: 'sunstone' },
  paginate: { default: '[[6, 12, 36, 72], [6, 12, 36, 72]]', check: paginateCheck, origin: 'sunstone' },
  leases: { default: DEFAULT_LEASES, check: mapping(), origin: 'sunstone' },
  threshold_min: { default: 0, check: integer(0, 100), origin: 'sunstone' },
  threshold_low: { default: 33, check: integer(0, 100), origin: 'sunstone' },
  threshold_high: { default: 66, check: integer(0, 100), origin: 'sunstone' },
  support_fs: { default: ['ext4', 'ext3', 'ext2', 'xfs'], check: textList(), origin: 'sunstone' },
  addons: { default: null, check: anything(), origin: 'sunstone' },
  mapped_ips: { default: null, check: anything(), origin: 'sunstone' },

  // -- other services
  token_remote_support: { default: null, check: optionalText(), secret: true, origin: 'sunstone' },
  oneflow_server: {
    default: 'http://localhost:2474/',
    check: url(HTTP, 'http://localhost:2474/'),
    origin: 'sunstone',
  },
  routes: { default: ['oneflow', 'vcenter', 'support', 'nsx'], check: textList(), origin: 'sunstone' },
  private_fireedge_endpoint: {
    default: 'http://localhost:2616',
    check: url(HTTP, 'http://localhost:2616', { blankAllowed: true }),
    origin: 'sunstone',
  },
  public_fireedge_endpoint: {
    default: 'http://localhost:2616',
    check: url(HTTP, 'https://fireedge.example.com', { blankAllowed: true }),
    origin: 'sunstone',
  },
  marketplace_url: {
    default: null,
    check: optionalUrl(HTTP, 'http://marketplace.opennebula.io/'),
    origin: 'sunstone',
  },
});

export const LEGACY_KEYS: Readonly<Record<string, LegacyKeySpec>> = deepFreeze({
  debug_level: {
    check: integer(0, 3) as Check<unknown>,
    note: 'log level of Sunstone before 6.8; used when :log is absent',
  },
  marketplace_username: {
    check: optionalText() as Check<unknown>,
    note: 'old external marketplace (4.x-6.0)',
  },
  marketplace_password: {
    check: optionalText() as Check<unknown>,
    secret: true,
    note: 'old external marketplace (4.x-6.0)',
  },
  remote_version: { check: optionalText() as Check<unknown>, note: 'old upgrade check (5.x-6.0)' },
  encode_user_password: {
    check: boolean() as Check<unknown>,
    note: 'LDAP password encoding (4.10-5.0); logins retry encoded automatically',
  },
});

/** A fresh object holding every file key's default. */
export function defaultSettings(): FileSettings {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(FILE_KEYS)) out[key] = spec.default;
  return out as unknown as FileSettings;
}

/** True when `key` (without the colon) is a key Sunstone or this server reads, old ones included. */
export function isKnownKey(key: string): boolean {
  return Object.hasOwn(FILE_KEYS, key) || Object.hasOwn(LEGACY_KEYS, key);
}
