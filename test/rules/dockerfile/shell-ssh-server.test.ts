import { describe, it } from 'node:test';
import { expectFindings } from '../../helpers';

const RULE = 'dockerfile/ssh-server';

describe(RULE, () => {
  it('reports SSH server packages of the final image at the package word', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends ⟦openssh-server=1:9.2p1-2⟧ curl\n');
    expectFindings(RULE, 'Dockerfile', 'FROM alpine:3.20\nRUN apk add --no-cache ⟦openssh⟧ ⟦dropbear⟧\n');
    expectFindings(RULE, 'Dockerfile', 'FROM rockylinux:9\nRUN dnf install -y ⟦openssh-server⟧ && dnf clean all\n');
  });
  it('includes the stages the final stage builds on', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM ubuntu:24.04 AS base\nRUN apt-get install -y ⟦ssh⟧\nFROM base\nRUN echo ok\n');
  });
  it('stays silent for clients and for build stages that are not in the final image', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM debian:12\nRUN apt-get install -y openssh-client && dnf install -y openssh-clients openssh\n');
    expectFindings(RULE, 'Dockerfile', 'FROM debian:12 AS build\nRUN apt-get install -y openssh-server\nFROM debian:12\nCOPY --from=build /etc/ssh/ssh_config /etc/ssh/\n');
  });
});
