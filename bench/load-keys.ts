// Loads N keys of 1 KB into an etcd cluster, for the demo: `npx tsx bench/load-keys.ts N URL,URL,...`.
import { loadKeys } from '../test/helpers/etcd-writer.js';

const n = Number(process.argv[2] ?? 2000);
const endpoints = (process.argv[3] ?? 'http://127.0.0.1:2379').split(',');
const r = await loadKeys(endpoints, { count: n, size: 1024 });
console.log(`loaded ${r.count} keys of 1 KB in ${r.ms} ms`);
