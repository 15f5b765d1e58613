// A full VM body as one.vm.info / one.vmpool.infoextended writes it (element order of
// oned-xmlrpc.md §4.2; CDATA for template values, entities in names), about 4 KB, for benchmarks.
// Invented values; varied per id so nothing is suspiciously repetitive.

function cdata(v: string | number): string {
  return `<![CDATA[${v}]]>`;
}

function disk(vm: number, i: number): string {
  return (
    `<DISK><CLONE>${cdata('YES')}</CLONE><CLUSTER_ID>${cdata(0)}</CLUSTER_ID>` +
    `<DATASTORE>${cdata('default')}</DATASTORE><DATASTORE_ID>${cdata(1)}</DATASTORE_ID><DEV_PREFIX>${cdata('vd')}</DEV_PREFIX>` +
    `<DISK_ID>${cdata(i)}</DISK_ID><DISK_TYPE>${cdata('FILE')}</DISK_TYPE>` +
    `<DRIVER>${cdata('qcow2')}</DRIVER><FORMAT>${cdata('qcow2')}</FORMAT><IMAGE>${cdata(`img-${vm % 17}-${i}`)}</IMAGE>` +
    `<IMAGE_ID>${cdata((vm % 17) + i)}</IMAGE_ID>` +
    `<SIZE>${cdata(10240 * (i + 1))}</SIZE><SOURCE>${cdata(`/var/lib/one//datastores/1/${(vm * 7919 + i).toString(16)}`)}</SOURCE>` +
    `<TARGET>${cdata(`vd${String.fromCharCode(97 + i)}`)}</TARGET><TM_MAD>${cdata('ssh')}</TM_MAD><TYPE>${cdata('FILE')}</TYPE></DISK>`
  );
}

function nic(vm: number, i: number): string {
  const ip = `10.${i}.${(vm >> 8) & 255}.${vm & 255}`;
  return (
    `<NIC><AR_ID>${cdata(0)}</AR_ID><BRIDGE>${cdata(`br${i}`)}</BRIDGE><BRIDGE_TYPE>${cdata('linux')}</BRIDGE_TYPE>` +
    `<IP>${cdata(ip)}</IP><MAC>${cdata(`02:00:0a:0${i}:${(vm & 255).toString(16).padStart(2, '0')}:01`)}</MAC>` +
    `<MODEL>${cdata('virtio')}</MODEL><NAME>${cdata(`NIC${i}`)}</NAME><NETWORK>${cdata(i === 0 ? 'public' : 'private & backend')}</NETWORK>` +
    `<NETWORK_ID>${cdata(i)}</NETWORK_ID><NIC_ID>${cdata(i)}</NIC_ID><SECURITY_GROUPS>${cdata(0)}</SECURITY_GROUPS>` +
    `<TARGET>${cdata(`one-${vm}-${i}`)}</TARGET><VN_MAD>${cdata('bridge')}</VN_MAD></NIC>`
  );
}

/** One full VM body (~4 KB). */
export function fullVmXml(id: number): string {
  const t = 1763700000 + id;
  return (
    `<VM><ID>${id}</ID><UID>${id % 5}</UID><GID>${id % 3}</GID><UNAME>user${id % 5}</UNAME><GNAME>group${id % 3}</GNAME>` +
    `<NAME>web &amp; db ${id}</NAME><PERMISSIONS><OWNER_U>1</OWNER_U><OWNER_M>1</OWNER_M><OWNER_A>0</OWNER_A>` +
    `<GROUP_U>0</GROUP_U><GROUP_M>0</GROUP_M><GROUP_A>0</GROUP_A><OTHER_U>0</OTHER_U><OTHER_M>0</OTHER_M><OTHER_A>0</OTHER_A></PERMISSIONS>` +
    `<LAST_POLL>${t}</LAST_POLL><STATE>3</STATE><LCM_STATE>3</LCM_STATE><PREV_STATE>3</PREV_STATE><PREV_LCM_STATE>3</PREV_LCM_STATE>` +
    `<RESCHED>0</RESCHED><STIME>${t}</STIME><ETIME>0</ETIME><DEPLOY_ID>one-${id}</DEPLOY_ID>` +
    `<MONITORING><CPU>${cdata((id % 100) / 10)}</CPU><DISKRDBYTES>${cdata(id * 13)}</DISKRDBYTES><DISKRDIOPS>${cdata(id % 997)}</DISKRDIOPS>` +
    `<DISKWRBYTES>${cdata(id * 7)}</DISKWRBYTES><DISKWRIOPS>${cdata(id % 991)}</DISKWRIOPS><ID>${cdata(id)}</ID>` +
    `<MEMORY>${cdata(524288 + id)}</MEMORY><NETRX>${cdata(id * 31)}</NETRX><NETTX>${cdata(id * 29)}</NETTX><STATE>${cdata('a')}</STATE>` +
    `<TIMESTAMP>${cdata(t)}</TIMESTAMP></MONITORING><SCHED_ACTIONS/>` +
    `<TEMPLATE><AUTOMATIC_DS_REQUIREMENTS>${cdata('("CLUSTERS/ID" @> 0)')}</AUTOMATIC_DS_REQUIREMENTS>` +
    `<AUTOMATIC_REQUIREMENTS>${cdata('(CLUSTER_ID = 0) & !(PUBLIC_CLOUD = YES) & !(PIN_POLICY = PINNED)')}</AUTOMATIC_REQUIREMENTS>` +
    `<CONTEXT><DISK_ID>${cdata(2)}</DISK_ID><ETH0_IP>${cdata(`10.0.${(id >> 8) & 255}.${id & 255}`)}</ETH0_IP>` +
    `<NETWORK>${cdata('YES')}</NETWORK><SSH_PUBLIC_KEY>${cdata(`ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${id.toString(36).padStart(40, 'x')} user@host`)}</SSH_PUBLIC_KEY>` +
    `<TARGET>${cdata('hda')}</TARGET></CONTEXT><CPU>${cdata(1)}</CPU>` +
    disk(id, 0) +
    disk(id, 1) +
    `<GRAPHICS><LISTEN>${cdata('0.0.0.0')}</LISTEN><PORT>${cdata(5900 + (id % 60000))}</PORT><TYPE>${cdata('VNC')}</TYPE></GRAPHICS>` +
    `<MEMORY>${cdata(1024)}</MEMORY>` +
    nic(id, 0) +
    nic(id, 1) +
    `<OS><ARCH>${cdata('x86_64')}</ARCH><UUID>${cdata(`16af7664-3698-487e-b894-${id.toString(16).padStart(12, '0')}`)}</UUID></OS>` +
    `<TEMPLATE_ID>${cdata(id % 9)}</TEMPLATE_ID><TM_MAD_SYSTEM>${cdata('ssh')}</TM_MAD_SYSTEM><VCPU>${cdata(2)}</VCPU><VMID>${cdata(id)}</VMID></TEMPLATE>` +
    `<USER_TEMPLATE><DESCRIPTION>${cdata(`Web server #${id} <prod>`)}</DESCRIPTION><LABELS>${cdata('prod,web')}</LABELS>` +
    `<LOGO>${cdata('images/logos/debian.png')}</LOGO></USER_TEMPLATE>` +
    `<HISTORY_RECORDS><HISTORY><OID>${id}</OID><SEQ>0</SEQ><HOSTNAME>node${id % 40}</HOSTNAME><HID>${id % 40}</HID><CID>0</CID>` +
    `<STIME>${t}</STIME><ETIME>0</ETIME><VM_MAD>${cdata('kvm')}</VM_MAD><TM_MAD>${cdata('ssh')}</TM_MAD><DS_ID>0</DS_ID>` +
    `<PSTIME>${t}</PSTIME><PETIME>${t}</PETIME><RSTIME>${t}</RSTIME><RETIME>0</RETIME><ESTIME>0</ESTIME><EETIME>0</EETIME>` +
    `<ACTION>0</ACTION><UID>-1</UID><GID>-1</GID><REQUEST_ID>-1</REQUEST_ID></HISTORY></HISTORY_RECORDS>` +
    `<BACKUPS><BACKUP_CONFIG/><BACKUP_IDS/></BACKUPS></VM>`
  );
}

/** `<VM_POOL>` of full bodies for ids [from, to). */
export function vmPoolXml(from: number, to: number): string {
  const parts: string[] = ['<VM_POOL>'];
  for (let id = from; id < to; id++) parts.push(fullVmXml(id));
  parts.push('</VM_POOL>');
  return parts.join('');
}
