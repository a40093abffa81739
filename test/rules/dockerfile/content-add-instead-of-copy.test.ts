import { describe, it } from 'node:test';
import { assert, assertFixRoundTrip, expectFindings, findingsOf } from '../../helpers';

const RULE = 'dockerfile/add-instead-of-copy';

describe(RULE, () => {
  it('reports ADD of local files, heredocs and ONBUILD', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM eclipse-temurin:21-jre\n⟦ADD⟧ app.jar /opt/app/\n⟦add⟧ --chown=1000:1000 ["conf dir/", "/etc/app/"]\n⟦ADD⟧ <<EOF /etc/motd\nhello\nEOF\nONBUILD ⟦ADD⟧ . /src\n⟦ADD⟧ release.zip /tmp/\n');
  });
  it('stays silent for archives, downloads, git sources and variables', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      [
        'FROM debian:12',
        'ADD rootfs.tar.xz /',
        'ADD app.tgz vendor.tar.gz /opt/',
        'ADD https://example.com/file.txt /tmp/',
        'ADD git@github.com:org/repo.git /src',
        'ADD ${ARCHIVE} /opt/',
        'COPY app.jar /opt/',
        '',
      ].join('\n'),
    );
  });
  it('fix replaces the keyword and keeps flags', () => {
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM alpine:3.20\nADD --chown=app:app --chmod=644 conf/app.yaml /etc/app/\n', 'FROM alpine:3.20\nCOPY --chown=app:app --chmod=644 conf/app.yaml /etc/app/\n');
    assertFixRoundTrip(RULE, 'Dockerfile', 'from alpine:3.20\nadd a.txt /a.txt\n', 'from alpine:3.20\ncopy a.txt /a.txt\n');
  });
  it('offers no fix with ADD-only flags', () => {
    const [finding] = findingsOf(RULE, 'Dockerfile', 'FROM alpine:3.20\nADD --keep-git-dir=true local-dir /src\n');
    assert.equal(finding.fixes.length, 0);
  });
});
