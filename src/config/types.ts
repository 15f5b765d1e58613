// The typed, deep-frozen configuration every other layer receives. Only src/config and src/cli read
// files or the environment for settings; everything else gets this object (or a slice of it).
// Key names are sunstone-server.conf's, without the Ruby-symbol colon (reference sunstone-server.md §7.2).

export type SessionsBackend = 'memory' | 'memcache' | 'memcache-dalli';
export type AuthMode = 'opennebula' | 'sunstone' | 'remote' | 'x509';
export type CoreAuth = 'cipher' | 'x509';

/** Paths derived from ONE_LOCATION (reference sunstone-server.md §1.1). */
export interface OnePaths {
  readonly oneLocation: string | null;
  readonly log: string;
  readonly var: string;
  readonly etc: string;
  readonly share: string;
  /** VAR/.one/sunstone_auth */
  readonly sunstoneAuth: string;
  /** ETC/sunstone-server.conf */
  readonly configFile: string;
  /** LOG/sunstone.log */
  readonly sunstoneLog: string;
  /** VAR/vms */
  readonly vms: string;
}

/** The settings that come from sunstone-server.conf keys (the rest are derived or from the environment). */
export type FileSettings = Omit<SunstoneConfig, 'source' | 'paths' | 'pool_page_size'>;

export interface SunstoneConfig {
  /** The file the settings came from, or null when none existed (defaults only). */
  readonly source: string | null;
  readonly paths: OnePaths;

  // -- server
  readonly host: string;
  readonly port: number;
  readonly tmpdir: string;
  readonly env: string;
  readonly log: { readonly level: number; readonly system: 'file' | 'syslog' };

  // -- oned
  readonly one_xmlrpc: string;
  /** Seconds. */
  readonly one_xmlrpc_timeout: number;
  /** ONE_POOL_PAGE_SIZE (env); 0 = paging disabled (a value < 2 or not a number disables it). */
  readonly pool_page_size: number;
  readonly subscriber_endpoint: string;
  readonly one_xmlrpc_max_connections: number;

  // -- sessions and auth
  readonly sessions: SessionsBackend;
  readonly memcache_host: readonly string[];
  readonly memcache_port: number;
  readonly memcache_namespace: string;
  readonly session_expire_time: number;
  readonly keep_me_logged: boolean;
  readonly auth: AuthMode;
  readonly core_auth: CoreAuth;
  readonly two_factor_auth_issuer: string;
  readonly session_secret: string | null;
  readonly session_bind_ip: boolean;
  readonly trusted_proxies: readonly string[];
  readonly base_path: string;
  readonly workers: number | 'auto';
  /** Token lifetime tuning (seconds), Sunstone 6.3+: default 1800 / 300. */
  readonly expire_delta: number;
  readonly expire_margin: number;

  // -- UI and features (passed through to the UI or later issues)
  readonly lang: string;
  readonly table_order: string;
  readonly mode: string;
  readonly max_upload_file_size: number | null;
  readonly get_extended_vm_info: boolean;
  readonly get_extended_vm_monitoring: boolean;
  readonly paginate: string;
  readonly threshold_min: number;
  readonly threshold_low: number;
  readonly threshold_high: number;
  readonly support_fs: readonly string[];
  readonly leases: Readonly<Record<string, unknown>> | null;
  readonly vnc_proxy_port: string;
  /** YAML's no/yes booleans arrive as 'no'/'yes' (Ruby compared both forms). */
  readonly vnc_proxy_support_wss: 'no' | 'yes' | 'only';
  readonly vnc_proxy_cert: string;
  readonly vnc_proxy_key: string;
  readonly vnc_proxy_ipv6: boolean;
  readonly vnc_client_port: number | null;
  readonly vnc_request_password: boolean;
  /** 'yes' or 'no' as the administrator wrote it (see sunstone-server.conf.example). */
  readonly allow_vnc_federation: 'yes' | 'no';
  readonly oneflow_server: string;
  readonly routes: readonly string[];
  readonly private_fireedge_endpoint: string;
  readonly public_fireedge_endpoint: string;
  readonly marketplace_url: string | null;
  readonly proxy: string | null;
  readonly no_proxy: string | null;
  readonly webauthn_origin: string;
  readonly webauthn_rpname: string;
  readonly webauthn_timeout: number;
  /** Relying-party id; null = the browser's origin host. */
  readonly webauthn_rpid: string | null;
  readonly webauthn_algorithms: readonly string[];
  readonly disable_guacamole_info_header: boolean;
  readonly token_remote_support: string | null;
  /** Not shipped; handed to the UI untouched when present. */
  readonly addons: unknown;
  readonly mapped_ips: unknown;
}
