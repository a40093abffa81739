import { describe, it } from 'node:test';
import { assert, assertFixRoundTrip, expectFindings, findingsOf } from '../../helpers';

const ID = 'dockerfile/healthcheck-missing';

describe('dockerfile/healthcheck-missing', () => {
  it('reports a final stage without HEALTHCHECK at its FROM line', () => {
    expectFindings(ID, 'Dockerfile', 'FROM node:22 AS build\nHEALTHCHECK CMD true\nRUN npm ci\n⟦FROM nginx:1.27-alpine⟧\nCOPY --from=build /app/dist /usr/share/nginx/html\n');
    expectFindings(ID, 'Dockerfile', 'FROM golang:1.23 AS build\n⟦FROM scratch⟧\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n');
  });
  it('accepts HEALTHCHECK NONE and a HEALTHCHECK inherited through the stage chain', () => {
    expectFindings(ID, 'Dockerfile', 'FROM nginx:1.27\nHEALTHCHECK NONE\n');
    expectFindings(ID, 'Dockerfile', 'FROM nginx:1.27 AS base\nHEALTHCHECK --interval=10s CMD curl -f http://localhost/ || exit 1\nFROM base\nCOPY site /usr/share/nginx/html\n');
  });
  it('skips artifact-only scratch stages and empty files', () => {
    expectFindings(ID, 'Dockerfile', 'FROM golang:1.23 AS build\nRUN go build -o /out/app\nFROM scratch AS export\nCOPY --from=build /out/app /\n');
    expectFindings(ID, 'Dockerfile', '');
    // docker/buildx: the exported stage is picked by the platform argument among scratch stages
    const buildx = [
      'FROM golang:1.23-alpine AS build',
      'RUN go build -o /usr/bin/buildx ./cmd/buildx',
      'FROM scratch AS binaries-unix',
      'COPY --from=build /usr/bin/buildx /',
      'FROM binaries-unix AS binaries-darwin',
      'FROM binaries-unix AS binaries-linux',
      'FROM scratch AS binaries-windows',
      'COPY --from=build /usr/bin/buildx /buildx.exe',
      'FROM binaries-$TARGETOS AS binaries',
      'FROM binaries',
      '',
    ].join('\n');
    expectFindings(ID, 'Dockerfile', buildx);
  });
  it('still reports a stage picked by an argument when a candidate runs a service', () => {
    expectFindings(ID, 'Dockerfile', 'FROM scratch AS out-linux\nCOPY app /\nFROM nginx:1.27 AS out-web\nEXPOSE 80\n⟦FROM out-${TARGET}⟧\n');
    expectFindings(ID, 'Dockerfile', '⟦FROM $BASE⟧\n');
  });
  it('does not count an ONBUILD HEALTHCHECK', () => {
    expectFindings(ID, 'Dockerfile', '⟦FROM nginx:1.27⟧\nONBUILD HEALTHCHECK CMD true\n');
  });
  it('fix inserts a curl template before CMD, using the exposed port', () => {
    assertFixRoundTrip(
      ID,
      'Dockerfile',
      'FROM python:3.12-slim\nRUN pip install flask\nEXPOSE 8080\nCMD ["flask", "run"]\n',
      'FROM python:3.12-slim\nRUN pip install flask\nEXPOSE 8080\nHEALTHCHECK --interval=30s --timeout=3s CMD curl -f http://localhost:8080/ || exit 1\nCMD ["flask", "run"]\n',
      { title: /curl/ },
    );
  });
  it('fix uses wget on alpine and offers HEALTHCHECK NONE', () => {
    assertFixRoundTrip(ID, 'Dockerfile', 'FROM nginx:1.27-alpine\nCOPY site /usr/share/nginx/html', 'FROM nginx:1.27-alpine\nCOPY site /usr/share/nginx/html\nHEALTHCHECK --interval=30s --timeout=3s CMD wget -q --spider http://localhost/ || exit 1', { title: /wget/ });
    assertFixRoundTrip(ID, 'Dockerfile', 'FROM nginx:1.27\nCOPY site /usr/share/nginx/html\n', 'FROM nginx:1.27\nCOPY site /usr/share/nginx/html\nHEALTHCHECK NONE\n', { title: /HEALTHCHECK NONE/ });
  });
  it('offers only HEALTHCHECK NONE where no shell tools exist', () => {
    const titles = findingsOf(ID, 'Dockerfile', 'FROM gcr.io/distroless/static-debian12\nENTRYPOINT ["/app"]\n')[0].fixes.map((fix) => fix.title);
    assert.equal(titles.length, 1);
    assert.match(titles[0], /HEALTHCHECK NONE/);
  });
});
