import { describe, it } from 'node:test';
import { expectFindings } from '../../helpers';

const ID = 'dockerfile/image-unpinned-tag';

describe('dockerfile/image-unpinned-tag', () => {
  it('reports FROM images without a tag or with latest, in every stage', () => {
    expectFindings(ID, 'Dockerfile', 'FROM ⟦golang⟧ AS build\nRUN go build\nFROM ⟦alpine:latest⟧\nFROM --platform=$BUILDPLATFORM ⟦ghcr.io/acme/tools:LATEST⟧ AS tools\n');
  });
  it('resolves FROM images from ARG defaults', () => {
    expectFindings(ID, 'Dockerfile', 'ARG BASE=python\nFROM ⟦${BASE}⟧\n');
    expectFindings(ID, 'Dockerfile', 'ARG TAG=latest\nFROM ⟦node:$TAG⟧\n');
    expectFindings(ID, 'Dockerfile', 'ARG TAG=22\nFROM node:$TAG\nARG VARIANT\nFROM node:${VARIANT:-22-slim}\n');
  });
  it('reports an image whose written last component has no tag or latest, whatever the variables before it', () => {
    expectFindings(ID, 'Dockerfile', 'ARG REGISTRY\nFROM ⟦$REGISTRY/node⟧\nFROM ⟦${REPO}/${IMAGE}:latest⟧\n');
  });
  it('reports COPY --from and RUN --mount from images, not stages or indexes', () => {
    expectFindings(
      ID,
      'Dockerfile',
      'FROM golang:1.23 AS build\nRUN true\nFROM alpine:3.20\nCOPY --from=build /out /out\nCOPY --from=0 /out /out\nCOPY --from=⟦nginx⟧ /etc/nginx /etc/nginx\nCOPY --from=⟦bitnami/kubectl:latest⟧ /opt/bitnami/kubectl/bin/kubectl /usr/bin/\nRUN --mount=type=bind,from=⟦busybox⟧,target=/bb true\nRUN --mount=type=cache,target=/root/.cache true\nCOPY --from=BUILD /x /x\n',
    );
  });
  it('stays silent for pinned tags, digests, stages, scratch and unresolved variables', () => {
    const silent = [
      'FROM python:3.12-slim\n',
      'FROM python@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n',
      'FROM python:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n',
      'FROM scratch\n',
      'FROM node:22 AS deps\nFROM deps\n',
      'FROM node:22 AS Deps\nFROM deps AS final\n',
      'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n',
      'FROM $REGISTRY/node:22\n',
      'FROM $REGISTRY/$IMAGE\n',
      'FROM localhost:5000/app:1.0\n',
      'FROM alpine:3.20\nARG SRC\nCOPY --from=${SRC} /a /b\n',
      '',
      // Broken FROM lines are the parser's business, not a tag problem.
      'FROM\n',
      'FROM AS build\n',
      'FROM python:\n',
      'FROM python@\n',
      'FROM /\n',
      'FROM Python\n',
      'FROM alpine:3.20\nCOPY --from= /a /b\nRUN --mount=from= true\n',
    ];
    for (const text of silent) expectFindings(ID, 'Dockerfile', text);
  });
});
