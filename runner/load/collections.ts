// Collection prefixes of Ansible module names: a leaf module, so the schemas can read it without
// importing the loader (whose imports reach the precompiled validators).

/** Collection prefixes a module name may carry (`ansible.builtin.copy` is `copy`). */
export const COLLECTIONS = ['ansible.builtin.', 'ansible.legacy.', 'ansible.posix.'];
