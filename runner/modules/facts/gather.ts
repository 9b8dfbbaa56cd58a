// The facts gather_facts (the setup module) reads, in one command: every fact under its
// Ansible name (ansible_distribution) and, without the prefix, in ansible_facts.
import type { Fact } from './fact.js';
import { dateTimeSection, envSection, userSection } from './clock-user.js';
import { cpuSection, memorySection, mountsSection } from './hardware.js';
import { dnsSection, networkSection } from './network.js';
import { type FactSection, parseSections, sectionsCommand } from './sections.js';
import { distributionSection, hostnameSection, platformSection, unameSection } from './system.js';

/** Every section, in the order the command runs them. */
export const FACT_SECTIONS: FactSection[] = [
  hostnameSection, unameSection, distributionSection, platformSection, cpuSection, memorySection, mountsSection,
  networkSection, dnsSection, dateTimeSection, userSection, envSection,
];

/** Facts as variables: `ansible_<name>` for each, `ansible_facts` holding them all unprefixed; has_systemd stays bare. */
export function factVariables(facts: Record<string, unknown>): Record<string, unknown> {
  const vars: Record<string, unknown> = { ansible_facts: facts };
  for (const [k, v] of Object.entries(facts)) vars[k === 'has_systemd' ? k : `ansible_${k}`] = v;
  return vars;
}

/** The gather fact: one command, parsed section by section. */
export const gatheredFacts: Fact<Record<string, unknown>> = {
  command: sectionsCommand(FACT_SECTIONS),
  parse: (stdout) => factVariables(parseSections(FACT_SECTIONS, stdout)),
};

/** The names gather_facts defines (for the loader's checks and lazy gathering). */
export const GATHERED_NAMES: readonly string[] = [
  'ansible_facts', 'has_systemd', ...['hostname', 'nodename', 'fqdn', 'domain', 'system', 'kernel', 'kernel_version', 'machine', 'architecture',
    'distribution', 'distribution_version', 'distribution_major_version', 'distribution_release', 'os_family', 'service_mgr', 'pkg_mgr',
    'uptime_seconds', 'machine_id', 'processor_count', 'processor_cores', 'processor_threads_per_core', 'processor_vcpus', 'processor_nproc',
    'memtotal_mb', 'memfree_mb', 'swaptotal_mb', 'swapfree_mb', 'mounts', 'default_ipv4', 'all_ipv4_addresses', 'all_ipv6_addresses',
    'interfaces', 'dns', 'date_time', 'user_id', 'user_uid', 'user_gid', 'user_gecos', 'user_dir', 'user_shell', 'env'].map((n) => `ansible_${n}`),
];
