// Action cases that read the same for every kind that has the action: lock/unlock (unlock locks
// first) and the owner/permissions/name/template changes most kinds share.
export const lockPair = {
  lock: { params: { level: 1 } },
  unlock: { before: [['lock', { level: 1 }]] as const },
};

export const generic = {
  update: { params: { template_raw: 'DESCRIPTION="contract"', append: true } },
  chown: { params: { owner_id: 2, group_id: 1 } },
  chmod: { params: { octet: '640' } },
  rename: { params: { name: 'renamed-by-contract' } },
};
