import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';

const RULE = 'dockerfile/docker-socket-volume';

describe(RULE, () => {
  it('reports runtime sockets in shell and JSON form', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM docker:27\nVOLUME ⟦/var/run/docker.sock⟧\nVOLUME ["/data", "⟦/run/containerd/containerd.sock⟧"]\nVOLUME /cache ⟦/run/docker.sock/⟧\nVOLUME ⟦/var/run/crio/crio.sock⟧\n');
  });
  it('stays silent for other volumes', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM postgres:16\nVOLUME /var/lib/postgresql/data\nVOLUME ["/var/run/postgresql"]\nVOLUME /var/run\nRUN ls /var/run/docker.sock || true\n');
  });
  it('fix removes the whole instruction when the socket is alone', () => {
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM docker:27\nVOLUME /var/run/docker.sock\nCMD ["sh"]\n', 'FROM docker:27\nCMD ["sh"]\n');
  });
  it('fix removes only the socket among several paths', () => {
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM docker:27\nVOLUME ["/var/run/docker.sock", "/data"]\n', 'FROM docker:27\nVOLUME ["/data"]\n');
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM docker:27\nVOLUME ["/data", "/var/run/docker.sock"]\n', 'FROM docker:27\nVOLUME ["/data"]\n');
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM docker:27\nVOLUME /data /var/run/docker.sock /cache\n', 'FROM docker:27\nVOLUME /data /cache\n');
  });
});
