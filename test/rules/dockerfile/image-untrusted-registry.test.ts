import { describe, it } from 'node:test';
import { expectFindings } from '../../helpers';

const ID = 'dockerfile/untrusted-registry';

describe('dockerfile/untrusted-registry', () => {
  it('is inactive until trusted registries are configured', () => {
    expectFindings(ID, 'Dockerfile', 'FROM quay.io/evil/image:1.0\nFROM python:3.12\n');
  });
  it('reports FROM and COPY --from images outside the trusted registries', () => {
    const config = { trustedRegistries: ['registry.example.com', 'ghcr.io/acme'] };
    expectFindings(
      ID,
      'Dockerfile',
      'FROM ⟦python:3.12⟧ AS build\nFROM ghcr.io/acme/base:1.0\nFROM ⟦ghcr.io/other/base:1.0⟧\nFROM registry.example.com/mirror/node:22\nCOPY --from=⟦quay.io/prometheus/busybox:latest⟧ /bin/sh /bin/sh\nCOPY --from=build /a /a\n',
      { config },
    );
  });
  it('treats Docker Hub spellings alike and resolves ARG defaults', () => {
    const config = { trustedRegistries: ['docker.io'] };
    expectFindings(ID, 'Dockerfile', 'ARG REG=quay.io\nFROM python:3.12\nFROM docker.io/library/node:22\nFROM index.docker.io/library/alpine:3.20\nFROM ⟦${REG}/coreos/etcd:v3.5⟧\n', { config });
  });
  it('stays silent for stages, scratch and unresolved images', () => {
    const config = { trustedRegistries: ['registry.example.com'] };
    expectFindings(ID, 'Dockerfile', 'ARG BASE\nFROM ${BASE} AS base\nFROM base\nFROM scratch\nCOPY --from=base /a /a\n', { config });
  });
});
