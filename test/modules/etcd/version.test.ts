// Which etcd binaries may join a cluster: the same minor or one newer; never older, never two ahead.
import assert from 'node:assert/strict';
import { versionProblem } from '../../../runner/modules/etcd/version.js';

const cases: Array<[binary: string, cluster: string, refused: RegExp | null]> = [
  ['etcd Version: 3.4.23', '3.4.23', null],
  ['etcd Version: 3.4.30', '3.4.23', null],
  ['etcd Version: 3.4.1', '3.4.23', null], // patch level is free within a minor
  ['etcd Version: 3.5.9', '3.4.23', null], // one minor newer: etcd's rolling upgrade
  ['etcd Version: 3.3.27', '3.4.23', /etcd 3\.3\.27 is older than the cluster \(3\.4\.23\)/],
  ['etcd Version: 3.6.0', '3.4.23', /etcd 3\.6\.0 is more than one minor version newer than the cluster \(3\.4\.23\)/],
  ['etcd Version: 4.0.0', '3.5.0', /different major version/],
  ['not etcd', '3.4.23', /cannot read the etcd binary's version from "not etcd"/],
];

describe('etcd_version: may this binary join the cluster', () => {
  for (const [binary, cluster, refused] of cases) {
    it(`${binary} into ${cluster} → ${refused ? 'refused' : 'allowed'}`, () => {
      const problem = versionProblem(binary, cluster);
      if (refused) assert.match(String(problem), refused);
      else assert.equal(problem, null);
    });
  }
});
