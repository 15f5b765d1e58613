// one.system.config: oned.conf as an OPENNEBULA_CONFIGURATION template (attributes sorted, CDATA).
// A stock single-zone configuration with the keys Sunstone reads (FEDERATION, DEFAULT_COST,
// DS_MAD_CONF, MARKET_MAD_CONF, VM_MAD, IM_MAD, AUTH_MAD, LOG; reference sunstone-server.md §3, §6.2)
// and the ones this simulator honours (API_LIST_ORDER, DEFAULT_UMASK, SESSION_EXPIRATION_TIME...).
import { Template, templateOf } from '../template.js';

export interface ConfigFacts {
  readonly port: number;
}

function conf(facts: ConfigFacts): Template {
  const t = templateOf([
    ['API_LIST_ORDER', 'DESC'],
    ['AUTH_MAD', { AUTHN: 'ssh,x509,ldap,server_cipher,server_x509', EXECUTABLE: 'one_auth_mad' }],
    ['DATASTORE_CAPACITY_CHECK', 'yes'],
    ['DATASTORE_LOCATION', '/var/lib/one//datastores'],
    ['DEFAULT_AUTH', 'default'],
    ['DEFAULT_CDROM_DEVICE_PREFIX', 'hd'],
    ['DEFAULT_COST', { CPU_COST: '0', DISK_COST: '0', MEMORY_COST: '0' }],
    ['DEFAULT_DEVICE_PREFIX', 'vd'],
    ['DEFAULT_IMAGE_TYPE', 'OS'],
    ['DEFAULT_UMASK', '177'],
    ['ENABLE_OTHER_PERMISSIONS', 'YES'],
    ['FEDERATION', { MASTER_ONED: '', MODE: 'STANDALONE', SERVER_ID: '-1', ZONE_ID: '0' }],
    ['IM_MAD', { ARGUMENTS: '-r 3 -t 15 -w 90 kvm', EXECUTABLE: 'one_im_ssh', NAME: 'kvm', THREADS: '0' }],
    ['IM_MAD', { ARGUMENTS: '-r 3 -t 15 -w 90 dummy', EXECUTABLE: 'one_im_sh', NAME: 'dummy', THREADS: '0' }],
    ['KEEPALIVE_MAX_CONN', '30'],
    ['KEEPALIVE_TIMEOUT', '15'],
    ['LISTEN_ADDRESS', '0.0.0.0'],
    ['LOG', { DEBUG_LEVEL: '3', SYSTEM: 'file' }],
    ['MAC_PREFIX', '02:00'],
    ['MANAGER_TIMER', '15'],
    ['MAX_CONN', '15'],
    ['MAX_CONN_BACKLOG', '15'],
    ['MESSAGE_SIZE', '1073741824'],
    ['MONITORING_INTERVAL_DATASTORE', '300'],
    ['MONITORING_INTERVAL_HOST', '180'],
    ['MONITORING_INTERVAL_MARKET', '600'],
    ['MONITORING_INTERVAL_VM', '180'],
    ['NETWORK_SIZE', '254'],
    ['PORT', String(facts.port)],
    ['SCRIPTS_REMOTE_DIR', '/var/tmp/one'],
    ['SESSION_EXPIRATION_TIME', '900'],
    ['TIMEOUT', '15'],
    ['VM_ADMIN_OPERATIONS', 'migrate, delete, recover, retry, deploy, resched, backup, restore'],
    [
      'VM_MANAGE_OPERATIONS',
      'undeploy, hold, release, stop, suspend, resume, reboot, poweroff, disk-attach, nic-attach, disk-snapshot, terminate, disk-resize, snapshot, updateconf, rename, resize, update, disk-saveas, sched-action, sg-attach, pci-attach',
    ],
    ['VM_SUBMIT_ON_HOLD', 'NO'],
    ['VM_USE_OPERATIONS', ''],
    ['VNC_PORTS', { RESERVED: '32768:65536', START: '5900' }],
  ]);
  for (const [name, required, persistentOnly] of [
    ['ceph', 'DISK_TYPE,BRIDGE_LIST', 'NO'],
    ['dev', 'DISK_TYPE', 'YES'],
    ['dummy', '', 'NO'],
    ['fs', '', 'NO'],
    ['lvm', '', 'NO'],
  ] as const)
    t.add({
      name: 'DS_MAD_CONF',
      vector: new Map([
        ['MARKETPLACE_ACTIONS', name === 'fs' || name === 'ceph' ? 'export' : ''],
        ['NAME', name],
        ['PERSISTENT_ONLY', persistentOnly],
        ['REQUIRED_ATTRS', required],
      ]),
    });
  for (const [name, sunstone, pub] of [
    ['one', 'OpenNebula.org Marketplace', 'YES'],
    ['http', 'HTTP server', 'NO'],
    ['linuxcontainers', 'LinuxContainers.org', 'YES'],
  ] as const)
    t.add({
      name: 'MARKET_MAD_CONF',
      vector: new Map([
        ['APP_ACTIONS', pub === 'YES' ? 'monitor' : 'create, delete, monitor'],
        ['NAME', name],
        ['PUBLIC', pub],
        ['REQUIRED_ATTRS', name === 'http' ? 'BASE_URL,PUBLIC_DIR' : ''],
        ['SUNSTONE_NAME', sunstone],
      ]),
    });
  for (const [name, exec] of [
    ['kvm', 'one_vmm_exec'],
    ['dummy', 'one_vmm_dummy'],
  ] as const)
    t.add({
      name: 'VM_MAD',
      vector: new Map([
        ['ARGUMENTS', `-t 15 -r 0 ${name}`],
        ['DEFAULT', `vmm_exec/vmm_exec_${name}.conf`],
        ['EXECUTABLE', exec],
        [
          'IMPORTED_VMS_ACTIONS',
          'terminate, terminate-hard, hold, release, suspend, resume, delete, reboot, reboot-hard, resched, unresched, disk-attach, disk-detach, nic-attach, nic-detach, snapshot-create, snapshot-delete',
        ],
        ['NAME', name],
        ['SUNSTONE_NAME', name === 'kvm' ? 'KVM' : 'Testing'],
        ['TYPE', name === 'kvm' ? 'kvm' : 'xml'],
        ['KEEP_SNAPSHOTS', 'YES'],
        ['LIVE_RESIZE', 'YES'],
      ]),
    });
  return t;
}

export function systemConfigXml(facts: ConfigFacts): string {
  return conf(facts).xml('OPENNEBULA_CONFIGURATION');
}
