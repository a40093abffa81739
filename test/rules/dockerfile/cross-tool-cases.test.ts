// The practices other linters check, as Lashing judges them. The cases were written after reading
// the positive and negative cases of hadolint's rule specs (DLxxxx), Trivy's Dockerfile checks
// (DS-00xx) and Checkov's (CKV_DOCKER_*) — with fixtures of our own — for every rule whose
// catalogue row names them as anchors. Where Lashing differs on purpose (the catalogue's semantics
// win), the case says so and asserts Lashing's answer.

import { describe, it } from 'node:test';
import { assert, expectFindings, findingsOf } from '../../helpers';

const silent = (rule: string, ...texts: string[]): void => {
  for (const text of texts) expectFindings(rule, 'Dockerfile', text);
};
const count = (rule: string, text: string, expected: number, config?: Parameters<typeof findingsOf>[3]): void => {
  const found = findingsOf(rule, 'Dockerfile', text, config);
  assert.equal(found.length, expected, `${rule} in:\n${text}\n${found.map((f) => f.message).join('\n')}`);
};

describe('cross-tool: root user (DL3002, DS-0002, CKV_DOCKER_3/8)', () => {
  const RULE = 'dockerfile/root-user';
  it('reports root by name or UID, with or without a group, and a root user inherited from a stage', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM scratch\nUSER admin\nUSER ⟦root⟧\n');
    expectFindings(RULE, 'Dockerfile', 'FROM scratch\nUSER ⟦0⟧\n');
    expectFindings(RULE, 'Dockerfile', 'FROM scratch\nUSER ⟦root:staff⟧\n');
    expectFindings(RULE, 'Dockerfile', 'FROM scratch\nUSER ⟦0:0⟧\n');
    expectFindings(RULE, 'Dockerfile', 'FROM debian:12 AS prep\nUSER ⟦root⟧\nRUN make\nFROM prep\nRUN make check\n');
  });
  it('stays silent once the last USER is not root, also when a stage it builds on switches back', () => {
    silent(RULE, 'FROM scratch\nUSER svc\n', 'FROM scratch\nUSER root\nRUN setup\nUSER svc\n', 'FROM debian:12 AS prep\nUSER root\nRUN make\nUSER 4242\nFROM prep\nRUN make check\n');
  });
  it('judges the final stage only: a root builder stage is not reported (hadolint reports it)', () => {
    silent(RULE, 'FROM debian:12 AS prep\nUSER root\nRUN make\nFROM scratch\nUSER 4242\nCOPY --from=prep /out /out\n');
  });
  it('reports a final stage chosen by a build argument when every stage it can name runs as root', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM ubuntu:24.04 AS run-amd64\nFROM ubuntu:24.04 AS run-arm64\n⟦FROM run-$TARGETARCH⟧\nCMD ["/app"]\n');
    silent(RULE, 'FROM ubuntu:24.04 AS run-amd64\nFROM ubuntu:24.04 AS run-arm64\nUSER 1000\nFROM run-$TARGETARCH\nCMD ["/app"]\n');
  });
  it('lowers (does not drop) the finding for images that step down with gosu (Checkov passes them)', () => {
    const [finding] = findingsOf(RULE, 'Dockerfile', 'FROM alpine:3.20\nENTRYPOINT ["su-exec", "app", "/srv/start"]\n');
    assert.equal(finding?.severity, 'info');
  });
});

describe('cross-tool: sudo (DL3004, DS-0010)', () => {
  const RULE = 'dockerfile/sudo';
  it('reports sudo as a command, alone or later in a chain, in ONBUILD and exec form', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM debian:12\nRUN ⟦sudo⟧ apt-get update\nRUN true && ⟦sudo⟧ make install\nONBUILD RUN ⟦sudo⟧ make\nRUN [⟦"sudo"⟧, "make"]\n');
  });
  it('stays silent when sudo is a package being installed', () => {
    silent(RULE, 'FROM debian:12\nRUN apt-get install -y --no-install-recommends sudo\n');
  });
});

describe('cross-tool: unpinned and latest tags (DL3006, DL3007, DS-0001, CKV_DOCKER_7)', () => {
  const RULE = 'dockerfile/image-unpinned-tag';
  it('reports no tag and latest, named stages too', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM ⟦redis⟧\nFROM ⟦redis⟧ AS cache\nFROM ⟦redis:latest⟧ AS cache2\n');
  });
  it('reads ARG defaults, and a written last component whose variables only name the registry', () => {
    expectFindings(RULE, 'Dockerfile', 'ARG LABEL="latest"\nFROM ⟦redis:${LABEL}⟧\n');
    expectFindings(RULE, 'Dockerfile', 'ARG MIRROR\nFROM ⟦${MIRROR}/redis⟧\n');
    expectFindings(RULE, 'Dockerfile', 'ARG ORG=acme\nARG APP=api\nFROM ⟦$ORG/$APP:latest⟧\n');
  });
  it('stays silent for versions, digests, scratch, stage names and images a build argument names whole', () => {
    silent(
      RULE,
      'FROM redis:7\n',
      'FROM redis@sha256:00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n',
      'FROM mirror.example.com/redis@sha256:00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n',
      'FROM scratch\n',
      'FROM ${BASE}\n',
      'ARG BASE=redis:7.4\nFROM ${BASE}\n',
      'ARG LABEL\nFROM redis:${LABEL}\n',
      'FROM golang:1.23 AS compile\nFROM compile AS test\nFROM alpine:3.20\n',
      'FROM alpine:3.20 AS Base\nFROM base\n',
    );
  });
  it('reports one image per use across stages', () => {
    count(RULE, 'FROM golang:1.23 AS compile\nRUN go build\nFROM node AS web\nFROM alpine:3.20\n', 1);
  });
});

describe('cross-tool: untrusted registries (DL3026)', () => {
  const RULE = 'dockerfile/untrusted-registry';
  const trusted = (...entries: string[]) => ({ config: { trustedRegistries: entries } });
  it('is inactive with no list, and reports a registry off the list', () => {
    count(RULE, 'FROM quay.example.org/tools/jq:1.7\n', 0);
    count(RULE, 'FROM quay.example.org/tools/jq:1.7\n', 1, trusted('docker.io'));
  });
  it('accepts every spelling of Docker Hub, stages, scratch, `*` and `*.domain` wildcards', () => {
    count(RULE, 'FROM redis:7 AS a\nFROM acme/redis:7 AS b\nFROM docker.io/acme/redis:7 AS c\nFROM index.docker.io/library/redis:7\n', 0, trusted('docker.io'));
    count(RULE, 'FROM quay.example.org/jq:1 AS tools\nFROM tools\nFROM scratch\n', 0, trusted('quay.example.org'));
    count(RULE, 'FROM redis:7\nFROM quay.example.org/jq:1\n', 0, trusted('*'));
    count(RULE, 'FROM eu.mirror.example.org/jq:1\n', 0, trusted('ghcr.io', '*.mirror.example.org'));
    count(RULE, 'FROM mirror.example.org/jq:1\nFROM evilmirror.example.org/jq:1\n', 2, trusted('*.mirror.example.org'));
  });
});

describe('cross-tool: unpinned packages (DL3008, DL3018, DL3013, DL3016, DL3028, DL3033, DL3041, DL3037, DL3062)', () => {
  const RULE = 'dockerfile/unpinned-packages';
  it('apt: reports bare names; pins with `=`, wildcards, epochs, -t releases and .deb files pass', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM debian:12\nRUN apt-get update && apt-get install -y ⟦jq⟧\nONBUILD RUN apt-get install -y ⟦jq⟧\n');
    silent(
      RULE,
      'FROM debian:12\nRUN apt-get update \\\n && apt-get -qq -y --no-install-recommends install jq=1.6-2 \\\n && rm -rf /var/lib/apt/lists/*\n',
      'FROM debian:12\nRUN apt-get install -y \\\n  libxml2=2.9.* \\\n  tzdata=2024a* \\\n  git=1:2.39.*\n',
      'FROM debian:12\nRUN apt-get install -y ./vendor/tool_1.2_amd64.deb\n',
      'FROM debian:12\nRUN apt-get install -y -t bookworm-backports jq=1.7.1-3~bpo12+1\n',
    );
  });
  it('apk: reports bare names in long continued lists; `=`/`~` pins, --virtual, -X repositories and .apk files pass', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM alpine:3.20\nRUN apk add --no-cache \\\n  jq=1.7.1-r0 \\\n  ⟦yq⟧ \\\n  bash=5.2.26-r0\n');
    silent(
      RULE,
      'FROM alpine:3.20\nRUN apk add --no-cache jq~1.7\n',
      'FROM alpine:3.20\nRUN apk add --no-cache --virtual .tools jq=1.7.1-r0 && apk del .tools\n',
      'FROM alpine:3.20\nRUN apk add --no-cache -X https://dl-cdn.example.org/edge/testing yq=4.44.3-r0\n',
      'FROM alpine:3.20\nRUN apk add --no-cache --repository=https://dl-cdn.example.org/edge/testing yq=4.44.3-r0\n',
      'FROM alpine:3.20\nRUN apk add ./local-tool-2.0.apk\n',
    );
  });
  it('pip: reports bare names and a VCS URL without a ref; requirement files, paths, ranges and refs pass', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM python:3.12\nRUN pip3 install --no-cache-dir ⟦httpx⟧\nRUN python -m pip install --no-cache-dir --index-url https://pypi.example.org/simple ⟦httpx⟧\nRUN pip install --no-cache-dir ⟦git+https://git.example.org/team/lib.git#egg=lib⟧\n');
    silent(
      RULE,
      'FROM python:3.12\nRUN pip install --no-cache-dir -r requirements.txt && pip install --no-cache-dir --requirement dev.txt\n',
      'FROM python:3.12\nRUN pip install --no-cache-dir . ./wheels/lib-1.0-py3-none-any.whl dist/lib-1.0.tar.gz\n',
      "FROM python:3.12\nRUN pip install --no-cache-dir 'httpx>=0.27' 'idna<4' 'certifi!=2024.1' rich~=13.7 attrs===23.2.0\n",
      'FROM python:3.12\nRUN pip install --no-cache-dir --target /opt/deps --prefix /opt --root / --trusted-host pypi.example.org httpx==0.27.0\n',
      'FROM python:3.12\nRUN pip install --no-cache-dir git+https://git.example.org/team/lib.git@v2.1#egg=lib\n',
      'FROM python:3.12\nRUN pip install --no-cache-dir httpx -c constraints.txt\n',
      'FROM python:3.12\nRUN pipx install httpie\n',
    );
  });
  it('npm: reports bare names, scoped names and git URLs without a ref; versions, tarballs, folders and refs pass', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM node:22\nRUN npm install -g ⟦typescript⟧ @acme/cli@2.0.1 ⟦@acme/lint⟧\nRUN npm install --registry=https://npm.example.org ⟦left-pad⟧\nRUN npm install ⟦git+https://git.example.org/acme/widget.git⟧\n');
    silent(
      RULE,
      'FROM node:22\nRUN npm install && npm install --progress=false && npm ci\n',
      'FROM node:22\nRUN npm install left-pad@1.3.0 @acme/cli@">=2.0.0 <3" --loglevel warn\n',
      'FROM node:22\nRUN npm install ./widget ../widget ~/widget /srv/widget widget-1.0.0.tgz widget-1.0.0.tar widget-1.0.0.tar.gz\n',
      'FROM node:22\nRUN npm install git+ssh://git@git.example.org:acme/widget.git#v1.4.0 git://git.example.org/acme/widget.git#3f2a9c1\n',
      'FROM node:22\nRUN npm run --silent install\n',
    );
  });
  it('gem: reports bare names; name:version, -v/--version and extension options after `--` pass', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM ruby:3.3\nRUN gem i ⟦rake⟧\nRUN gem install rack:3.1 ⟦puma⟧\n');
    silent(
      RULE,
      "FROM ruby:3.3\nRUN gem install rake -v '13.2.1' && gem install puma --version=6.4.2\n",
      'FROM ruby:3.3\nRUN gem install nokogiri:1.16.7 -- --use-system-libraries\n',
      'FROM ruby:3.3\nRUN gem install nokogiri:1.16.7 -- --with-xml2-config /usr/bin/xml2-config\n',
    );
  });
  it('yum/dnf/microdnf: reports bare names and modules without a stream; versions, epochs and variables pass', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM rockylinux:9\nRUN dnf install -y ⟦nginx⟧ && dnf clean all\nRUN microdnf module install -y ⟦postgresql⟧ && microdnf clean all\nRUN yum module install -y nodejs:20 && yum clean all\n');
    silent(
      RULE,
      'FROM rockylinux:9\nRUN yum install -y nginx-1.20.1 python3-pip-21.3.1 gcc-c++-11.4.1 openssl-1:3.0.7 && yum clean all\n',
      'FROM rockylinux:9\nRUN dnf install -y "nginx-${NGINX_VERSION}" tzdata-$TZ_VERSION && dnf clean all\n',
      'FROM rockylinux:9\nRUN notdnf install nginx\n',
    );
  });
  it('zypper: reports bare names; `=` and escaped comparison pins and .rpm files pass', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM opensuse/leap:15.6\nRUN zypper install -y ⟦nginx⟧ && zypper clean\n');
    silent(RULE, 'FROM opensuse/leap:15.6\nRUN zypper install -y nginx=1.21.5 curl\\>=8.0 jq\\<2 ./tool-1.0-1.x86_64.rpm && zypper clean\n');
  });
  it('go: reports get without a version and @latest for install, get and run; go.mod-resolved installs and local paths pass', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM golang:1.23\nRUN go get ⟦example.org/tool⟧\nRUN go install ⟦example.org/tool@latest⟧\nRUN go run ⟦example.org/gen@latest⟧ -out x.go\nRUN go get -tool ⟦example.org/lint⟧\n');
    silent(
      RULE,
      // Without @version, `go install`/`go run` take the version from go.mod (hadolint reports them; the module pins them).
      'FROM golang:1.23\nRUN go install example.org/tool && go run example.org/gen\n',
      'FROM golang:1.23\nRUN go install example.org/tool@v1.4.0 && go run example.org/gen@v0.9.1 -flag value arg\n',
      'FROM golang:1.23\nRUN go install ./cmd/... && go install . && go run main.go && go run /src/cmd/gen\n',
    );
  });
});

describe('cross-tool: --no-install-recommends (DL3015, DS-0029)', () => {
  const RULE = 'dockerfile/apt-no-install-recommends';
  it('reports installs without the flag, exec form too', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM debian:12\nRUN apt-get ⟦install⟧ jq=1.6-2\nRUN apt-get -y ⟦install⟧ jq=1.6-2\nRUN ["apt-get", ⟦"install"⟧, "-y", "jq"]\n');
  });
  it('accepts the flag anywhere, the APT option, and clustered short flags', () => {
    silent(
      RULE,
      'FROM debian:12\nRUN apt-get install --no-install-recommends jq\n',
      'FROM debian:12\nRUN apt-get --no-install-recommends install -qy jq\n',
      'FROM debian:12\nRUN apt-get -qy install jq tzdata --no-install-recommends\n',
      'FROM debian:12\nRUN apt-get -o APT::Install-Recommends=false install jq\n',
      'FROM debian:12\nRUN ["apt-get", "-y", "--no-install-recommends", "install", "jq"]\n',
    );
  });
});

describe('cross-tool: package caches (DL3009, DL3019, DL3042, DL3032, DL3040, DL3036, DS-0025, DS-0015, DS-0019)', () => {
  const RULE = 'dockerfile/package-cache-kept';
  it('apt: lists kept unless removed after the install or held by a cache mount of /var/lib/apt', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM debian:12\nRUN apt-get update && apt-get ⟦install⟧ -y jq\n');
    expectFindings(RULE, 'Dockerfile', 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt \\\n    apt-get update && apt-get ⟦install⟧ -y jq\n');
    silent(
      RULE,
      'FROM debian:12\nRUN apt-get update && apt-get install -y jq && rm -rf /var/lib/apt/lists/*\n',
      'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y jq\n',
      'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\\n    --mount=type=cache,target=/var/lib/apt,sharing=locked \\\n    rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update && apt-get install -y jq\n',
    );
  });
  it('judges every stage, not only the ones the final image uses (hadolint skips unused stages)', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM ubuntu:24.04 AS tools\nRUN apt-get update && apt-get ⟦install⟧ -y jq\nFROM scratch\nCOPY --from=tools /usr/bin/jq /jq\n');
  });
  it('a clean-up before the (last) install does not count', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM rockylinux:9\nRUN yum clean all && yum -y ⟦install⟧ nginx\n');
    expectFindings(RULE, 'Dockerfile', 'FROM rockylinux:9\nRUN yum -y install nginx && yum clean all && yum -y ⟦install⟧ jq\n');
    expectFindings(RULE, 'Dockerfile', 'FROM fedora:41\nRUN dnf install -y nginx && dnf clean all && dnf ⟦install⟧ -y jq\n');
    expectFindings(RULE, 'Dockerfile', 'FROM debian:12\nRUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get ⟦install⟧ -y jq\n');
    silent(RULE, 'FROM rockylinux:9\nRUN yum -y install nginx && yum clean all && yum -y install jq && yum clean all\n');
  });
  it('yum/dnf/microdnf/zypper: `clean all` (with options), `zypper cc` or removing the cache directory', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM rockylinux:9\nRUN yum -y ⟦install⟧ nginx && yum clean metadata\nRUN microdnf ⟦install⟧ -y jq\nRUN zypper ⟦install⟧ -y jq\n');
    silent(
      RULE,
      'FROM rockylinux:9\nRUN if [ -n "$X" ]; then yum -y install tbb && yum clean -y all; fi\n',
      'FROM rockylinux:9\nRUN dnf install -y jq && rm -rf /var/cache/dnf\nRUN microdnf install -y jq && microdnf clean all\n',
      'FROM opensuse/leap:15.6\nRUN zypper install -y jq && zypper cc\n',
      'FROM rockylinux:9\nRUN yum clean all\n',
    );
  });
  it('apk: reports add without --no-cache (exec form too); the flag anywhere or a cache mount of /var/cache/apk pass', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM alpine:3.20\nRUN apk ⟦add⟧ jq\nRUN apk ⟦add⟧ --no-cacher jq\nRUN apk upgrade --no-cache && apk ⟦add⟧ jq\nRUN ["apk", ⟦"add"⟧, "jq"]\n');
    expectFindings(RULE, 'Dockerfile', 'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/other apk ⟦add⟧ -U jq\n');
    silent(RULE, 'FROM alpine:3.20\nRUN apk add jq --no-cache\nRUN --mount=type=cache,target=/var/cache/apk apk add -U jq\n');
  });
  it('pip: --no-cache-dir, PIP_NO_CACHE_DIR (ENV, inline, exported, inherited) or a cache mount', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM python:3.12\nRUN pip2 ⟦install⟧ httpx==0.27.0\nRUN pip3 ⟦install⟧ httpx==0.27.0\n');
    expectFindings(RULE, 'Dockerfile', 'FROM python:3.12 AS base\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.12\nRUN pip ⟦install⟧ httpx==0.27.0\n');
    silent(
      RULE,
      'FROM python:3.12\nRUN pip install httpx==0.27.0 --no-cache-dir && pip3 install --no-cache-dir rich==13.7.1\n',
      'FROM python:3.12\nENV PIP_NO_CACHE_DIR=yes\nRUN pip install httpx==0.27.0\n',
      'FROM python:3.12\nRUN PIP_NO_CACHE_DIR=1 pip install httpx==0.27.0\nRUN export PIP_NO_CACHE_DIR=on && pip install httpx==0.27.0\n',
      'FROM python:3.12 AS base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN pip install httpx==0.27.0\n',
      'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install httpx==0.27.0\n',
      'FROM python:3.12\nRUN pipx install httpie && pipenv install\n',
      // pip turns the cache off for any valid PIP_NO_CACHE_DIR, "0" and "false" included (hadolint reports those).
      'FROM python:3.12\nENV PIP_NO_CACHE_DIR=0\nRUN pip install httpx==0.27.0\n',
    );
  });
});

describe('cross-tool: update without install (DS-0017, CKV_DOCKER_5)', () => {
  const RULE = 'dockerfile/update-without-install';
  it('reports an index update with no install in the same RUN, exec form and chains too', () => {
    count(RULE, 'FROM ubuntu:24.04\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends jq\n', 1);
    count(RULE, 'FROM ubuntu:24.04\nRUN ["apt-get", "update"]\n', 1);
    count(RULE, 'FROM ubuntu:24.04\nRUN apt-get update && useradd app\n', 1);
    count(RULE, 'FROM alpine:3.20\nRUN apk update\n', 1);
  });
  it('stays silent with the install in the same RUN (any separator), apk --update, upgrades and other tools', () => {
    silent(
      RULE,
      'FROM ubuntu:24.04\nRUN apt-get update -y ; apt-get install -y jq\n',
      'FROM ubuntu:24.04\nRUN apt-get update && apt-get upgrade -y && apt-get install -y jq\n',
      'FROM alpine:3.20\nRUN apk update && apk add --no-cache jq\nRUN apk --update add jq\n',
      'FROM ubuntu:24.04\nRUN /opt/tools/sync.sh update && sbt update\n',
      // `dnf update`, `yum update` and `zypper up` upgrade the installed packages (Trivy reports them as updates).
      'FROM fedora:41\nRUN dnf update -y\n',
      'FROM opensuse/leap:15.6\nRUN zypper up -y\n',
    );
  });
});

describe('cross-tool: ADD instead of COPY (DL3020, DS-0005, CKV_DOCKER_4)', () => {
  const RULE = 'dockerfile/add-instead-of-copy';
  it('reports local files that are not archives (zip included), quoted or in JSON form', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM alpine:3.20\n⟦ADD⟧ config.yaml /etc/app/\n⟦ADD⟧ "bundle.zip" /srv/\n⟦ADD⟧ ["notes.txt", "/srv/"]\nADD rootfs.tar.xz /\n');
  });
  it('stays silent for archives ADD unpacks, URLs and git sources', () => {
    silent(
      RULE,
      'FROM alpine:3.20\nADD rootfs.tar /\nADD data.gz /srv/\nADD data.bz2 /srv/\nADD data.xz /srv/\nADD data.tgz /srv/\nADD "data.tgz" /srv/\nADD ["data.tar.zst", "/srv/"]\n',
      'FROM alpine:3.20\nADD --checksum=sha256:00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff https://downloads.example.org/tool.bin /usr/local/bin/tool\n',
      'FROM alpine:3.20\nADD https://git.example.org/acme/app.git#v1.2.0 /src\n',
    );
  });
});

describe('cross-tool: exec-form CMD/ENTRYPOINT (DL3025)', () => {
  const RULE = 'dockerfile/shell-form-entrypoint';
  it('reports the shell form and accepts the JSON form, spaced or continued', () => {
    count(RULE, 'FROM node:22\nCMD node server.js\n', 1);
    count(RULE, 'FROM node:22\nENTRYPOINT node server.js\n', 1);
    silent(RULE, 'FROM node:22\nCMD ["node", "server.js"]\n', 'FROM node:22\nENTRYPOINT [ "node", "server.js" ]\n', 'FROM node:22\nCMD ["node", \\\n  "server.js"]\n');
  });
});

describe('cross-tool: pipefail (DL4006)', () => {
  const RULE = 'dockerfile/pipefail';
  it('reports a piped download without pipefail, in every stage and after a SHELL that drops it', () => {
    count(RULE, 'FROM debian:12\nRUN wget -qO- https://x.example/n | wc -l > /n\n', 1);
    count(RULE, 'FROM debian:12 AS a\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN wget -qO- https://x.example/n | wc -l\nFROM debian:12\nRUN wget -qO- https://x.example/n | wc -l\n', 1);
    count(RULE, 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN wget -qO- https://x.example/n | wc -l\nSHELL ["/bin/sh", "-c"]\nRUN wget -qO- https://x.example/n | wc -l\n', 1);
  });
  it('accepts pipefail in any SHELL spelling (bash or zsh, any path, combined options)', () => {
    for (const shell of ['"/bin/bash", "-eo", "pipefail", "-c"', '"/bin/bash", "-e", "-o", "pipefail", "-c"', '"/bin/bash", "-o", "errexit", "-o", "pipefail", "-c"', '"/bin/zsh", "-o", "pipefail", "-c"', '"/usr/bin/bash", "-o", "pipefail", "-c"', '"/usr/local/bin/zsh", "-o", "pipefail", "-c"', '"bash", "-Eeuxo", "pipefail", "-c"']) {
      silent(RULE, `FROM debian:12\nSHELL [${shell}]\nRUN wget -qO- https://x.example/n | wc -l\n`);
    }
  });
  it('stays silent without a pipe, with no download in it, and in PowerShell or cmd RUNs', () => {
    silent(
      RULE,
      'FROM debian:12\nRUN wget -qO /tmp/n https://x.example/n && wc -l /tmp/n\n',
      'FROM debian:12\nRUN grep -c x /etc/hosts | tee /n\n',
      'FROM mcr.microsoft.com/powershell:lts-ubuntu-22.04\nSHELL ["pwsh", "-c"]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\n',
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["cmd.exe", "/c"]\nRUN curl -s https://x.example/n | findstr n\n',
    );
  });
  it('a SHELL of plain sh with -o pipefail counts (hadolint reports it: a shell without pipefail fails the build instead)', () => {
    silent(RULE, 'FROM alpine:3.20\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN wget -qO- https://x.example/n | wc -l\n');
  });
});

describe('cross-tool: HEALTHCHECK (DL3057, DS-0026, CKV_DOCKER_2)', () => {
  const RULE = 'dockerfile/healthcheck-missing';
  it('reports a service image without one; an inherited HEALTHCHECK or HEALTHCHECK NONE counts', () => {
    count(RULE, 'FROM nginx:1.27 AS base\nHEALTHCHECK CMD curl -f http://localhost/\nFROM nginx:1.27\nEXPOSE 80\n', 1);
    silent(RULE, 'FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/\n', 'FROM nginx:1.27 AS base\nHEALTHCHECK CMD curl -f http://localhost/\nFROM base\n', 'FROM nginx:1.27\nHEALTHCHECK NONE\n');
  });
  it('skips artifact-only scratch images (hadolint reports `FROM scratch` too)', () => {
    silent(RULE, 'FROM scratch\nCOPY app /app\n');
    count(RULE, 'FROM scratch\nCOPY app /app\nENTRYPOINT ["/app"]\n', 1);
  });
});

describe('cross-tool: secrets in ARG/ENV (DL3064, DS-0031)', () => {
  const RULE = 'dockerfile/secret-in-arg-env';
  it('reports secret names in global and stage ARGs and ENVs, any case, with or without a value', () => {
    count(RULE, 'ARG stripe_api_key\nFROM debian:12\n', 1);
    count(RULE, 'FROM debian:12\nARG DEPLOY_TOKEN\nARG REGISTRY_TOKEN=changeme-later\nENV db_password=hunter2hunter2\nENV SMTP_PASSWORD legacy-form-value\n', 4);
  });
  it('stays silent for ordinary names, paths and names that describe a secret', () => {
    silent(RULE, 'ARG release\nFROM debian:12\nENV MODE=prod\nENV GOOGLE_APPLICATION_CREDENTIALS=/run/secrets/gcp.json\nENV PYTHON_GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\n');
  });
  it('AWS access key IDs and empty values are not reported (the catalogue allow-lists `*_KEY_ID`; hadolint and Trivy report both)', () => {
    silent(RULE, 'ARG AWS_ACCESS_KEY_ID\nFROM debian:12\nENV GITHUB_TOKEN=\n');
  });
});

describe('cross-tool: hardcoded credentials (Trivy DS-0031 `aws configure set`)', () => {
  it('reports a literal secret key or session token given to aws configure set, not a variable', () => {
    expectFindings('dockerfile/hardcoded-secret', 'Dockerfile', 'FROM amazon/aws-cli:2.17.0\nRUN aws configure set aws_access_key_id AKIDPLACEHOLDER && aws configure set aws_secret_access_key ⟦q8Vb2XrT0pLm4ZsN7yWc1HdJ6eKf3GuA9oRi5EtQ⟧\nRUN aws configure set profile.ci.aws_session_token ⟦FwoGZXIvYXdzEJr8Vb2XrT0pLm4ZsN7yWc1HdJ6eKf⟧\n');
    silent('dockerfile/hardcoded-secret', 'FROM amazon/aws-cli:2.17.0\nRUN --mount=type=secret,id=aws aws configure set aws_secret_access_key "$(cat /run/secrets/aws)"\n');
  });
});

describe('cross-tool: SSH port (DS-0004, CKV_DOCKER_1)', () => {
  const RULE = 'dockerfile/expose-ssh';
  it('reports 22 among other ports, with /tcp, from a variable, in a range, or inherited from a stage', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM alpine:3.20\nEXPOSE 8080 ⟦22⟧\nEXPOSE ⟦22/tcp⟧\n');
    expectFindings(RULE, 'Dockerfile', 'FROM alpine:3.20\nARG SSH_PORT=22\nEXPOSE ⟦${SSH_PORT}⟧\nEXPOSE ⟦20-25⟧\n');
    expectFindings(RULE, 'Dockerfile', 'FROM alpine:3.20 AS base\nEXPOSE ⟦22⟧\nFROM base\nCMD ["sshd"]\n');
  });
  it('stays silent for other ports, UDP 22, and builder stages the final image does not build on', () => {
    silent(RULE, 'FROM alpine:3.20\nEXPOSE 2222 220 8022 22/udp\n', 'FROM alpine:3.20 AS build\nEXPOSE 22\nFROM alpine:3.20\nEXPOSE 8080\n');
  });
});

describe('other tools\' suppressions keep their scope and their checks', () => {
  it('hadolint ignore silences only the named checks of a rule that spans several (DL3008 is apt, not pip)', () => {
    expectFindings('dockerfile/unpinned-packages', 'Dockerfile', 'FROM debian:12\n# hadolint ignore=DL3008\nRUN apt-get install -y jq && pip install ⟦httpx⟧\n');
    silent('dockerfile/unpinned-packages', 'FROM debian:12\n# hadolint ignore=DL3008,DL3013\nRUN apt-get install -y jq && pip install httpx\n');
    expectFindings('dockerfile/package-cache-kept', 'Dockerfile', 'FROM debian:12\n# hadolint ignore=DL3009\nRUN apt-get update && apt-get install -y jq && pip ⟦install⟧ httpx\n');
    expectFindings('dockerfile/image-unpinned-tag', 'Dockerfile', '# hadolint ignore=DL3007\nFROM ⟦redis⟧\n');
    silent('dockerfile/image-unpinned-tag', '# hadolint ignore=DL3006\nFROM redis\n', '# hadolint ignore=DL3007\nFROM redis:latest\n');
    expectFindings('dockerfile/root-user', 'Dockerfile', '# hadolint ignore=DL3002\n⟦FROM debian:12⟧\nCMD ["/app"]\n');
    silent('dockerfile/root-user', 'FROM debian:12\n# hadolint ignore=DL3002\nUSER root\n');
  });
  it('hadolint ignore covers the next instruction only; `global ignore` and Checkov skips cover the file', () => {
    expectFindings('dockerfile/sudo', 'Dockerfile', 'FROM debian:12\n#hadolint ignore=DL3004\nRUN sudo make\nRUN ⟦sudo⟧ make install\n');
    silent('dockerfile/sudo', '# hadolint global ignore=DL3004\nFROM debian:12\nRUN sudo make\nRUN sudo make install\n');
    silent('dockerfile/expose-ssh', 'FROM alpine:3.20\nEXPOSE 8080 22\n#checkov:skip=CKV_DOCKER_1: the appliance is managed over SSH\nCMD ["sshd"]\n');
    silent('dockerfile/root-user', 'FROM debian:12\nCMD ["/app"]\n# checkov:skip=CKV_DOCKER_3: legacy image\n');
  });
  it('Trivy ignores name one check: DS-0025 (apk) does not silence the apt lists of the same RUN', () => {
    silent('dockerfile/package-cache-kept', 'FROM alpine:3.20\n# trivy:ignore:AVD-DS-0025\nRUN apk add jq\n');
    count('dockerfile/package-cache-kept', 'FROM debian:12\n# trivy:ignore:DS-0025\nRUN apt-get update && apt-get install -y jq\n', 1);
  });
});
