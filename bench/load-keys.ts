import { loadKeys } from '../test/helpers/etcd-writer.js';
const n = Number(process.argv[2] ?? 2000);
const r = await loadKeys(['http://10.213.9.11:2379','http://10.213.9.12:2379','http://10.213.9.13:2379'], { count: n, size: 1024 });
console.log(JSON.stringify(r));
