// kvBackend.address formatting: the new members' client URLs, in the style the resource used.
import assert from 'node:assert/strict';
import { detectStyle, formatKvAddress, parseEndpoint, sameEndpoints } from '../../../runner/modules/k8s/kv-address.js';

describe('kvBackend.address formatting', () => {
  const cases: Array<{ title: string; urls: string[]; original: string; want: string }> = [
    { title: 'host:port list stays host:port', urls: ['http://10.1.0.1:2379', 'http://10.1.0.2:2379'], original: '10.0.0.1:2379,10.0.0.2:2379', want: '10.1.0.1:2379,10.1.0.2:2379' },
    { title: 'scheme list keeps schemes', urls: ['http://10.1.0.1:2379', 'http://10.1.0.2:2379'], original: 'http://10.0.0.1:2379,http://10.0.0.2:2379', want: 'http://10.1.0.1:2379,http://10.1.0.2:2379' },
    { title: 'bare URLs get the original scheme', urls: ['10.1.0.1:2379'], original: 'https://10.0.0.1:2379', want: 'https://10.1.0.1:2379' },
    { title: 'the new URL\'s own scheme wins (TLS etcd)', urls: ['https://10.1.0.1:2379'], original: 'http://10.0.0.1:2379', want: 'https://10.1.0.1:2379' },
    { title: 'spacing after commas is kept', urls: ['http://a:2379', 'http://b:2379'], original: '10.0.0.1:2379, 10.0.0.2:2379', want: 'a:2379, b:2379' },
    { title: 'a missing port becomes 2379 (not the scheme default)', urls: ['https://etcd-4'], original: 'x:2379', want: 'etcd-4:2379' },
    { title: 'explicit 443 with https is kept', urls: ['https://etcd-4:443'], original: 'x:2379', want: 'etcd-4:443' },
    { title: 'IPv6 keeps brackets', urls: ['http://[fd00::4]:2379'], original: 'x:2379', want: '[fd00::4]:2379' },
    { title: 'duplicates are dropped, order kept', urls: ['http://b:2379', 'http://a:2379', 'http://b:2379/'], original: 'x:1', want: 'b:2379,a:2379' },
  ];
  for (const c of cases) {
    it(c.title, () => assert.equal(formatKvAddress(c.urls, c.original), c.want));
  }

  it('refuses bad URLs and an empty list', () => {
    assert.throws(() => formatKvAddress([], 'x:1'), /no etcd client URLs/);
    assert.throws(() => formatKvAddress(['http://a:2379/v3'], 'x:1'), /only scheme:\/\/host:port/);
    assert.throws(() => formatKvAddress(['a:2379,b:2379'], 'x:1'), /bad etcd client URL/);
    assert.throws(() => parseEndpoint(''), /bad etcd client URL/);
  });

  it('detectStyle', () => {
    assert.deepEqual(detectStyle('HTTP://a:1,HTTP://b:1'), { scheme: 'http', separator: ',' });
    assert.deepEqual(detectStyle('a:1, b:1'), { scheme: undefined, separator: ', ' });
  });

  it('sameEndpoints ignores order and spacing, not hosts or schemes', () => {
    assert.equal(sameEndpoints('a:1,b:1', 'b:1, a:1'), true);
    assert.equal(sameEndpoints('a:1,b:1', 'a:1,c:1'), false);
    assert.equal(sameEndpoints('http://a:1', 'a:1'), false);
    assert.equal(sameEndpoints('a:1,,', 'a:1'), true);
  });
});
