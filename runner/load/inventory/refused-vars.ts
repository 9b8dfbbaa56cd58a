// Ansible vars that ferry would otherwise accept and silently ignore: refused where they are set,
// with what to do instead. (Connection vars of ssh are mapped in connection-vars.ts.)

const PASSWORD = 'ferry does not read the become password from the inventory: give it with --become-password-env VAR or --ask-become-pass';

const REFUSED: Record<string, (value: unknown) => string | undefined> = {
  ansible_become_method: (v) => (v === 'sudo' || v === 'su' ? undefined : `ansible_become_method ${JSON.stringify(v)}: ferry becomes with sudo or su only`),
  ansible_become_password: () => PASSWORD,
  ansible_become_pass: () => PASSWORD,
  ansible_sudo_pass: () => PASSWORD,
  ansible_sudo_password: () => PASSWORD,
  ansible_su_pass: () => PASSWORD,
  ansible_become_exe: () => 'ansible_become_exe: ferry runs sudo from the PATH and takes no other become program',
  ansible_become_flags: () => 'ansible_become_flags: ferry runs sudo with its own flags and takes no others',
};

/** Why the var `key` (set to `value`) is refused, or undefined when ferry honours or may ignore it. */
export function refusedVar(key: string, value: unknown): string | undefined {
  return Object.hasOwn(REFUSED, key) ? REFUSED[key](value) : undefined;
}
