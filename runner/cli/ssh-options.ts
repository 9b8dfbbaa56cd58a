// The SSH flags `play` and `adhoc` share: host keys, timeouts, ssh config, password and key passphrase.
import { Option, type Command } from 'commander';
import { positiveInt } from './options.js';

/** Adds the SSH flags to a command. */
export function addSshOptions(command: Command): Command {
  return command
    .option('--known-hosts <file>', 'known_hosts file for every host (default: the inventory var ssh_known_hosts_file, else ~/.ssh/known_hosts)')
    .addOption(new Option('--host-key-checking <mode>', 'host key policy (default strict, or the ssh config\'s StrictHostKeyChecking)').choices(['strict', 'accept-new', 'off']))
    .option('-T, --timeout <s>', 'SSH connect timeout in seconds: TCP and key exchange (default 20; ssh_timeout wins)', positiveInt)
    .option('--session-timeout <s>', 'seconds a logged-in host may take to start the session (default 300; ssh_session_timeout wins)', positiveInt)
    .option('--ssh-config <file>', 'OpenSSH client config to read (default ~/.ssh/config; ssh_config_file wins)')
    .addOption(new Option('-k, --ask-pass', 'ask for the SSH login password').conflicts('passwordEnv'))
    .option('--password-env <var>', 'read the SSH login password from this environment variable')
    .addOption(new Option('--key-passphrase-env <var>', 'read the passphrase of encrypted key files from this environment variable').conflicts('askKeyPassphrase'))
    .option('--ask-key-passphrase', 'ask for the passphrase of encrypted key files');
}
