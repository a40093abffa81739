import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';

const RULE = 'dockerfile/package-signature-bypass';

describe(RULE, () => {
  it('reports apk, apt, yum/dnf, zypper and rpm flags in every stage', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      [
        'FROM alpine:3.20 AS build',
        'RUN apk add ⟦--allow-untrusted⟧ /tmp/pkg.apk',
        'FROM debian:12 AS deb',
        'RUN apt-get update ⟦--allow-insecure-repositories⟧ \\',
        '    && apt-get install -y ⟦--allow-unauthenticated⟧ tool \\',
        '    && apt-get -y ⟦--force-yes⟧ install other \\',
        '    && apt-get install -y -o ⟦APT::Get::AllowUnauthenticated=true⟧ third',
        'FROM rockylinux:9',
        'RUN dnf install -y ⟦--nogpgcheck⟧ agent && yum ⟦--setopt=gpgcheck=0⟧ install -y x',
        'RUN rpm -Uvh ⟦--nosignature⟧ /tmp/a.rpm && rpm -i ⟦--nodigest⟧ /tmp/b.rpm',
        'RUN zypper ⟦--no-gpg-checks⟧ install -y vim && zypper ar ⟦-G⟧ https://repo.example/x x',
        '',
      ].join('\n'),
    );
  });
  it('reports gpgcheck=0 and [trusted=yes] written into repository configuration', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      [
        'FROM rockylinux:9',
        'RUN printf "[vendor]\\nbaseurl=https://repo.example\\n⟦gpgcheck=0⟧\\n" > /etc/yum.repos.d/vendor.repo',
        "RUN sed -i 's/gpgcheck=1/⟦gpgcheck=0⟧/' /etc/yum.repos.d/vendor.repo",
        'RUN echo "deb [⟦trusted=yes⟧] http://repo.example/apt ./" > /etc/apt/sources.list.d/x.list',
        "RUN echo '⟦APT::Get::AllowUnauthenticated⟧ \"true\";' > /etc/apt/apt.conf.d/99unauth",
        'RUN <<EOF',
        'cat > /etc/yum.repos.d/x.repo <<REPO',
        '[x]',
        '⟦gpgcheck=0⟧',
        'REPO',
        'EOF',
        'ONBUILD RUN apk add ⟦--allow-untrusted⟧ /tmp/x.apk',
        '',
      ].join('\n'),
    );
  });
  it('stays silent for verified installs and look-alikes', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      [
        'FROM rockylinux:9',
        'RUN printf "[vendor]\\nbaseurl=https://repo.example\\ngpgcheck=1\\nrepo_gpgcheck=0\\n" > /etc/yum.repos.d/vendor.repo',
        "RUN sed -i 's/gpgcheck=0/gpgcheck=1/' /etc/yum.repos.d/vendor.repo",
        'RUN rpm --import https://repo.example/key.asc && rpm -qa --nosignature',
        'RUN dnf install -y --setopt=install_weak_deps=False nginx',
        'RUN echo "gpgcheck=0 is dangerous" | grep -c gpgcheck',
        'RUN apt-get install -y --allow-downgrades tool',
        'RUN echo "deb [signed-by=/etc/apt/keyrings/x.asc] https://repo.example/apt stable main" > /etc/apt/sources.list.d/x.list',
        'RUN zypper --gpg-auto-import-keys refresh && zypper in -y vim',
        'RUN echo "deb [ trusted=yes ] file://$tempDir ./" > /etc/apt/sources.list.d/temp.list',
        '',
      ].join('\n'),
    );
  });
  it('fix removes the flag', () => {
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM alpine:3.20\nRUN apk add --no-cache --allow-untrusted /tmp/pkg.apk\n', 'FROM alpine:3.20\nRUN apk add --no-cache /tmp/pkg.apk\n');
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM rockylinux:9\nRUN dnf install -y \\\n    --nogpgcheck \\\n    agent\n', 'FROM rockylinux:9\nRUN dnf install -y \\\n    agent\n');
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM rockylinux:9\nRUN dnf install -y agent \\\n    --nogpgcheck\nCMD ["agent"]\n', 'FROM rockylinux:9\nRUN dnf install -y agent\nCMD ["agent"]\n');
  });
  it('fix removes an -o option with its value', () => {
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM debian:12\nRUN apt-get install -y -o APT::Get::AllowUnauthenticated=true tool\n', 'FROM debian:12\nRUN apt-get install -y tool\n');
  });
  it('fix removes a letter from a short cluster', () => {
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM opensuse/leap:15.6\nRUN zypper ar -fG https://repo.example/x x\n', 'FROM opensuse/leap:15.6\nRUN zypper ar -f https://repo.example/x x\n');
  });
});
