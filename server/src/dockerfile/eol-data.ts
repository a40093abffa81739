// End-of-life dates of base image releases, shipped with the extension (no network).
// Shared by the Dockerfile, Kubernetes and Compose image rules.
//
// Dates are the last day of (security) support as the upstream project announced it:
// Debian: the end of Debian LTS; Ubuntu: the end of standard support; Alpine: end of security
// fixes for the branch; runtimes: the end of upstream security releases. Rows with
// `released` in the future are ignored when choosing a successor.

import type { ImageReference } from '../engine/image';

export interface EolInfo {
  /** What reached its end of life, e.g. `Python 3.8` or `Python 3.8 and Debian 10 (buster)`. */
  release: string;
  /** The (earliest) last day of support, `YYYY-MM-DD`. */
  eolDate: string;
  /** Each part of the image that is past its end of life (a runtime and the distribution under it). */
  parts: Array<{ release: string; eolDate: string }>;
  /** A supported tag of the same repository that keeps the variant (e.g. `3.14-slim`). */
  successorTag?: string;
  /** When the whole repository is deprecated: the repository path to use instead of `ref.repository` (with `successorTag`). */
  successorRepository?: string;
  /** Advice when there is no tag to switch to (e.g. CentOS). */
  advice?: string;
}

interface Release {
  /** Version key as it appears in tags, e.g. `3.8`, `18`, `10`, `18.04`. */
  version: string;
  codename?: string;
  /** First release date (approximate to the month is enough): used to choose successors. */
  released: string;
  eol: string;
  /** How the release is named in messages, when not `<family> <version>`. */
  display?: string;
  /** Long-term support line (node even releases, Ubuntu LTS, Java LTS): successors are chosen among these. */
  lts?: boolean;
}

interface Family {
  label: string;
  releases: Release[];
  /** Successors are chosen only among `lts` releases. */
  successorsLtsOnly?: boolean;
}

const r = (version: string, released: string, eol: string, extra: Partial<Release> = {}): Release => ({ version, released, eol, ...extra });

const DEBIAN: Family = {
  label: 'Debian',
  releases: [
    r('6', '2011-02-06', '2016-02-29', { codename: 'squeeze' }),
    r('7', '2013-05-04', '2018-05-31', { codename: 'wheezy' }),
    r('8', '2015-04-25', '2020-06-30', { codename: 'jessie' }),
    r('9', '2017-06-17', '2022-06-30', { codename: 'stretch' }),
    r('10', '2019-07-06', '2024-06-30', { codename: 'buster' }),
    r('11', '2021-08-14', '2026-08-31', { codename: 'bullseye' }),
    r('12', '2023-06-10', '2028-06-30', { codename: 'bookworm' }),
    r('13', '2025-08-09', '2030-06-30', { codename: 'trixie' }),
  ],
};

const UBUNTU: Family = {
  label: 'Ubuntu',
  successorsLtsOnly: true,
  releases: [
    r('12.04', '2012-04-26', '2017-04-28', { codename: 'precise', lts: true }),
    r('14.04', '2014-04-17', '2019-04-25', { codename: 'trusty', lts: true }),
    r('14.10', '2014-10-23', '2015-07-23', { codename: 'utopic' }),
    r('15.04', '2015-04-23', '2016-02-04', { codename: 'vivid' }),
    r('15.10', '2015-10-22', '2016-07-28', { codename: 'wily' }),
    r('16.04', '2016-04-21', '2021-04-30', { codename: 'xenial', lts: true }),
    r('16.10', '2016-10-13', '2017-07-20', { codename: 'yakkety' }),
    r('17.04', '2017-04-13', '2018-01-13', { codename: 'zesty' }),
    r('17.10', '2017-10-19', '2018-07-19', { codename: 'artful' }),
    r('18.04', '2018-04-26', '2023-05-31', { codename: 'bionic', lts: true }),
    r('18.10', '2018-10-18', '2019-07-18', { codename: 'cosmic' }),
    r('19.04', '2019-04-18', '2020-01-23', { codename: 'disco' }),
    r('19.10', '2019-10-17', '2020-07-17', { codename: 'eoan' }),
    r('20.04', '2020-04-23', '2025-05-29', { codename: 'focal', lts: true }),
    r('20.10', '2020-10-22', '2021-07-22', { codename: 'groovy' }),
    r('21.04', '2021-04-22', '2022-01-20', { codename: 'hirsute' }),
    r('21.10', '2021-10-14', '2022-07-14', { codename: 'impish' }),
    r('22.04', '2022-04-21', '2027-04-01', { codename: 'jammy', lts: true }),
    r('22.10', '2022-10-20', '2023-07-20', { codename: 'kinetic' }),
    r('23.04', '2023-04-20', '2024-01-25', { codename: 'lunar' }),
    r('23.10', '2023-10-12', '2024-07-11', { codename: 'mantic' }),
    r('24.04', '2024-04-25', '2029-04-25', { codename: 'noble', lts: true }),
    r('24.10', '2024-10-10', '2025-07-10', { codename: 'oracular' }),
    r('25.04', '2025-04-17', '2026-01-31', { codename: 'plucky' }),
  ],
};

const ALPINE: Family = {
  label: 'Alpine',
  releases: [
    ['3.0', '2014-06-04', '2016-05-01'],
    ['3.1', '2014-12-15', '2016-11-01'],
    ['3.2', '2015-05-26', '2017-05-01'],
    ['3.3', '2016-01-06', '2017-11-01'],
    ['3.4', '2016-05-31', '2018-05-01'],
    ['3.5', '2016-12-22', '2018-11-01'],
    ['3.6', '2017-05-24', '2019-05-01'],
    ['3.7', '2017-11-30', '2019-11-01'],
    ['3.8', '2018-06-26', '2020-05-01'],
    ['3.9', '2019-01-29', '2020-11-01'],
    ['3.10', '2019-06-19', '2021-05-01'],
    ['3.11', '2019-12-19', '2021-11-01'],
    ['3.12', '2020-05-29', '2022-05-01'],
    ['3.13', '2021-01-14', '2022-11-01'],
    ['3.14', '2021-06-15', '2023-05-01'],
    ['3.15', '2021-11-24', '2023-11-01'],
    ['3.16', '2022-05-23', '2024-05-23'],
    ['3.17', '2022-11-22', '2024-11-22'],
    ['3.18', '2023-05-09', '2025-05-09'],
    ['3.19', '2023-12-07', '2025-11-01'],
    ['3.20', '2024-05-22', '2026-04-01'],
    ['3.21', '2024-12-05', '2026-11-01'],
    ['3.22', '2025-05-30', '2027-05-01'],
    ['3.23', '2025-12-03', '2027-11-01'],
  ].map(([version, released, eol]) => r(version, released, eol)),
};

const CENTOS: Family = {
  label: 'CentOS',
  releases: [
    r('5', '2007-04-12', '2017-03-31'),
    r('6', '2011-07-10', '2020-11-30'),
    r('7', '2014-07-07', '2024-06-30'),
    r('8', '2019-09-24', '2021-12-31'),
  ],
};

const CENTOS_STREAM: Family = {
  label: 'CentOS Stream',
  releases: [
    r('stream8', '2019-09-24', '2024-05-31', { display: 'CentOS Stream 8' }),
    r('stream9', '2021-12-03', '2027-05-31', { display: 'CentOS Stream 9' }),
    r('stream10', '2024-12-12', '2030-01-01', { display: 'CentOS Stream 10' }),
  ],
};

const FEDORA: Family = {
  label: 'Fedora',
  releases: [
    ['20', '2013-12-17', '2015-06-23'],
    ['21', '2014-12-09', '2015-12-01'],
    ['22', '2015-05-26', '2016-07-19'],
    ['23', '2015-11-03', '2016-12-20'],
    ['24', '2016-06-21', '2017-08-08'],
    ['25', '2016-11-22', '2017-12-12'],
    ['26', '2017-07-11', '2018-05-29'],
    ['27', '2017-11-14', '2018-11-30'],
    ['28', '2018-05-01', '2019-05-28'],
    ['29', '2018-10-30', '2019-11-26'],
    ['30', '2019-04-30', '2020-05-26'],
    ['31', '2019-10-29', '2020-11-24'],
    ['32', '2020-04-28', '2021-05-25'],
    ['33', '2020-10-27', '2021-11-30'],
    ['34', '2021-04-27', '2022-06-07'],
    ['35', '2021-11-02', '2022-12-13'],
    ['36', '2022-05-10', '2023-05-16'],
    ['37', '2022-11-15', '2023-12-05'],
    ['38', '2023-04-18', '2024-05-21'],
    ['39', '2023-11-07', '2024-11-26'],
    ['40', '2024-04-23', '2025-05-13'],
    ['41', '2024-10-29', '2025-12-15'],
    ['42', '2025-04-15', '2026-05-13'],
    ['43', '2025-10-28', '2026-12-09'],
  ].map(([version, released, eol]) => r(version, released, eol)),
};

const AMAZON_LINUX: Family = {
  label: 'Amazon Linux',
  releases: [r('1', '2011-09-01', '2023-12-31'), r('2', '2017-12-19', '2026-06-30'), r('2023', '2023-03-15', '2029-06-30')],
};

const PYTHON: Family = {
  label: 'Python',
  releases: [
    ['2.6', '2008-10-01', '2013-10-29'],
    ['2.7', '2010-07-03', '2020-01-01'],
    ['3.2', '2011-02-20', '2016-02-20'],
    ['3.3', '2012-09-29', '2017-09-29'],
    ['3.4', '2014-03-16', '2019-03-18'],
    ['3.5', '2015-09-13', '2020-09-13'],
    ['3.6', '2016-12-23', '2021-12-23'],
    ['3.7', '2018-06-27', '2023-06-27'],
    ['3.8', '2019-10-14', '2024-10-07'],
    ['3.9', '2020-10-05', '2025-10-31'],
    ['3.10', '2021-10-04', '2026-10-31'],
    ['3.11', '2022-10-24', '2027-10-31'],
    ['3.12', '2023-10-02', '2028-10-31'],
    ['3.13', '2024-10-07', '2029-10-31'],
    ['3.14', '2025-10-07', '2030-10-31'],
  ].map(([version, released, eol]) => r(version, released, eol)),
};

const NODE: Family = {
  label: 'Node.js',
  successorsLtsOnly: true,
  releases: [
    r('0.10', '2013-03-11', '2016-10-31'),
    r('0.12', '2015-02-06', '2016-12-31'),
    r('4', '2015-09-08', '2018-04-30', { codename: 'argon', lts: true }),
    r('5', '2015-10-29', '2016-06-30'),
    r('6', '2016-04-26', '2019-04-30', { codename: 'boron', lts: true }),
    r('7', '2016-10-25', '2017-06-30'),
    r('8', '2017-05-30', '2019-12-31', { codename: 'carbon', lts: true }),
    r('9', '2017-10-01', '2018-06-30'),
    r('10', '2018-04-24', '2021-04-30', { codename: 'dubnium', lts: true }),
    r('11', '2018-10-23', '2019-06-01'),
    r('12', '2019-04-23', '2022-04-30', { codename: 'erbium', lts: true }),
    r('13', '2019-10-22', '2020-06-01'),
    r('14', '2020-04-21', '2023-04-30', { codename: 'fermium', lts: true }),
    r('15', '2020-10-20', '2021-06-01'),
    r('16', '2021-04-20', '2023-09-11', { codename: 'gallium', lts: true }),
    r('17', '2021-10-19', '2022-06-01'),
    r('18', '2022-04-19', '2025-04-30', { codename: 'hydrogen', lts: true }),
    r('19', '2022-10-18', '2023-06-01'),
    r('20', '2023-04-18', '2026-04-30', { codename: 'iron', lts: true }),
    r('21', '2023-10-17', '2024-06-01'),
    // Even releases become LTS in October; successors are chosen from the LTS date on.
    r('22', '2024-10-29', '2027-04-30', { codename: 'jod', lts: true }),
    r('23', '2024-10-16', '2025-06-01'),
    r('24', '2025-10-28', '2028-04-30', { codename: 'krypton', lts: true }),
    r('25', '2025-10-15', '2026-06-01'),
  ],
};

const GOLANG: Family = {
  label: 'Go',
  // Each Go release is supported until the second newer release ships (February and August).
  releases: [
    ['1.4', '2014-12-10', '2016-02-17'],
    ['1.5', '2015-08-19', '2016-08-15'],
    ['1.6', '2016-02-17', '2017-02-16'],
    ['1.7', '2016-08-15', '2017-08-24'],
    ['1.8', '2017-02-16', '2018-02-16'],
    ['1.9', '2017-08-24', '2018-08-24'],
    ['1.10', '2018-02-16', '2019-02-25'],
    ['1.11', '2018-08-24', '2019-09-03'],
    ['1.12', '2019-02-25', '2020-02-25'],
    ['1.13', '2019-09-03', '2020-08-11'],
    ['1.14', '2020-02-25', '2021-02-16'],
    ['1.15', '2020-08-11', '2021-08-16'],
    ['1.16', '2021-02-16', '2022-03-15'],
    ['1.17', '2021-08-16', '2022-08-02'],
    ['1.18', '2022-03-15', '2023-02-01'],
    ['1.19', '2022-08-02', '2023-08-08'],
    ['1.20', '2023-02-01', '2024-02-06'],
    ['1.21', '2023-08-08', '2024-08-13'],
    ['1.22', '2024-02-06', '2025-02-11'],
    ['1.23', '2024-08-13', '2025-08-12'],
    ['1.24', '2025-02-11', '2026-02-28'],
    ['1.25', '2025-08-12', '2026-08-31'],
    // Expected per Go's six-month cycle (releases in February and August); review when updating.
    ['1.26', '2026-02-11', '2027-02-28'],
    ['1.27', '2026-08-12', '2027-08-31'],
  ].map(([version, released, eol]) => r(version, released, eol)),
};

const PHP: Family = {
  label: 'PHP',
  releases: [
    ['5.3', '2009-06-30', '2014-08-14'],
    ['5.4', '2012-03-01', '2015-09-03'],
    ['5.5', '2013-06-20', '2016-07-21'],
    ['5.6', '2014-08-28', '2018-12-31'],
    ['7.0', '2015-12-03', '2019-01-10'],
    ['7.1', '2016-12-01', '2019-12-01'],
    ['7.2', '2017-11-30', '2020-11-30'],
    ['7.3', '2018-12-06', '2021-12-06'],
    ['7.4', '2019-11-28', '2022-11-28'],
    ['8.0', '2020-11-26', '2023-11-26'],
    ['8.1', '2021-11-25', '2025-12-31'],
    ['8.2', '2022-12-08', '2026-12-31'],
    ['8.3', '2023-11-23', '2027-12-31'],
    ['8.4', '2024-11-21', '2028-12-31'],
    ['8.5', '2025-11-20', '2029-12-31'],
  ].map(([version, released, eol]) => r(version, released, eol)),
};

const RUBY: Family = {
  label: 'Ruby',
  releases: [
    ['1.9', '2011-10-31', '2015-02-23'],
    ['2.0', '2013-02-24', '2016-02-24'],
    ['2.1', '2013-12-25', '2017-03-31'],
    ['2.2', '2014-12-25', '2018-03-31'],
    ['2.3', '2015-12-25', '2019-03-31'],
    ['2.4', '2016-12-25', '2020-03-31'],
    ['2.5', '2017-12-25', '2021-04-05'],
    ['2.6', '2018-12-25', '2022-04-12'],
    ['2.7', '2019-12-25', '2023-03-31'],
    ['3.0', '2020-12-25', '2024-04-23'],
    ['3.1', '2021-12-25', '2025-03-26'],
    ['3.2', '2022-12-25', '2026-03-31'],
    ['3.3', '2023-12-25', '2027-03-31'],
    ['3.4', '2024-12-25', '2028-03-31'],
  ].map(([version, released, eol]) => r(version, released, eol)),
};

const TEMURIN: Family = {
  label: 'Eclipse Temurin',
  successorsLtsOnly: true,
  releases: [
    r('8', '2021-08-01', '2030-12-31', { lts: true }),
    r('11', '2021-08-01', '2027-10-31', { lts: true }),
    r('16', '2021-08-01', '2021-09-14'),
    r('17', '2021-09-14', '2027-10-31', { lts: true }),
    r('18', '2022-03-22', '2022-09-20'),
    r('19', '2022-09-20', '2023-03-21'),
    r('20', '2023-03-21', '2023-09-19'),
    r('21', '2023-09-19', '2029-12-31', { lts: true }),
    r('22', '2024-03-19', '2024-09-17'),
    r('23', '2024-09-17', '2025-03-18'),
    r('24', '2025-03-18', '2025-09-16'),
    r('25', '2025-10-01', '2031-09-30', { lts: true }),
  ],
};

/** Images whose whole repository is deprecated: every tag is unmaintained. */
const DEPRECATED_JAVA: Record<string, { label: string; since: string }> = {
  openjdk: { label: 'the `openjdk` image (deprecated, no longer updated)', since: '2022-07-01' },
  adoptopenjdk: { label: 'the `adoptopenjdk` image (deprecated, replaced by eclipse-temurin)', since: '2021-08-01' },
};

const DEBIAN_CODENAMES = new Map(DEBIAN.releases.map((release) => [release.codename as string, release]));
const UBUNTU_CODENAMES = new Map(UBUNTU.releases.map((release) => [release.codename as string, release]));
const NODE_CODENAMES = new Map(NODE.releases.filter((release) => release.codename).map((release) => [release.codename as string, release]));

const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/**
 * The official-image name a reference stands for (`python`, `debian`, …), including the usual
 * mirrors of Docker Hub's library; undefined for any other repository.
 */
export function officialImageName(ref: ImageReference): string | undefined {
  const registry = ref.effectiveRegistry.toLowerCase();
  const repository = ref.repository.toLowerCase();
  if (DOCKER_HUB.has(registry)) {
    if (!repository.includes('/')) return repository;
    if (repository.startsWith('library/') && repository.indexOf('/', 8) < 0) return repository.slice(8);
    return undefined;
  }
  if (registry === 'public.ecr.aws') {
    if (repository.startsWith('docker/library/') && repository.indexOf('/', 15) < 0) return repository.slice(15);
    if (repository === 'amazonlinux/amazonlinux') return 'amazonlinux';
    return undefined;
  }
  if (registry === 'mirror.gcr.io' && repository.startsWith('library/') && repository.indexOf('/', 8) < 0) return repository.slice(8);
  if ((registry === 'registry.fedoraproject.org' && repository === 'fedora') || (registry === 'quay.io' && repository === 'fedora/fedora')) return 'fedora';
  if (registry === 'quay.io' && repository === 'centos/centos') return 'centos-stream';
  return undefined;
}

const todayString = (today: Date): string => today.toISOString().slice(0, 10);
const isPast = (eol: string, today: string): boolean => today > eol;

function findRelease(family: Family, version: string): Release | undefined {
  return family.releases.find((release) => release.version === version);
}

/** The newest release that is out and supported on `today` (LTS only where the family says so). */
function successorRelease(family: Family, today: string): Release | undefined {
  let best: Release | undefined;
  for (const release of family.releases) {
    if (release.released > today || isPast(release.eol, today)) continue;
    if (family.successorsLtsOnly && !release.lts) continue;
    if (!best || release.released > best.released) best = release;
  }
  return best;
}

/** `3.8.10` → `3.8`; `3` → `3`; `3.14.0rc1` → `3.14`; anything else undefined. */
function versionKey(text: string, components: 1 | 2): string | undefined {
  const match = /^(\d+)(?:\.(\d+))?(?:\.\d+)*(?:[a-z]+\d*|_\d+)?$/.exec(text);
  if (!match) return undefined;
  if (components === 1) return match[1];
  return match[2] === undefined ? match[1] : `${match[1]}.${match[2]}`;
}

/** A distribution release pinned in a tag part (`buster`, `focal`, `alpine3.15`). */
interface DistroPin {
  family: Family;
  release: Release;
  /** Indexes of the tag parts that make the pin (`alpine`, `3.15` when written apart). */
  indexes: number[];
  /** What an unpinned tag keeps in place of the pin (`alpine` for alpine pins, nothing for codenames). */
  keep?: string;
}

function distroPins(parts: string[]): DistroPin[] {
  const pins: DistroPin[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const debian = DEBIAN_CODENAMES.get(part);
    if (debian) {
      pins.push({ family: DEBIAN, release: debian, indexes: [i] });
      continue;
    }
    const ubuntu = UBUNTU_CODENAMES.get(part);
    if (ubuntu) {
      pins.push({ family: UBUNTU, release: ubuntu, indexes: [i] });
      continue;
    }
    const alpine = /^alpine(\d+\.\d+)(?:\.\d+)?$/.exec(part);
    if (alpine) {
      const release = findRelease(ALPINE, alpine[1]);
      if (release) pins.push({ family: ALPINE, release, indexes: [i], keep: 'alpine' });
      continue;
    }
    if (part === 'alpine' && i + 1 < parts.length) {
      const key = versionKey(parts[i + 1], 2);
      const release = key ? findRelease(ALPINE, key) : undefined;
      if (release && /^\d+\.\d+(?:\.\d+)?$/.test(parts[i + 1])) {
        pins.push({ family: ALPINE, release, indexes: [i, i + 1], keep: 'alpine' });
        i++;
      }
    }
  }
  return pins;
}

function describe(family: Family, release: Release): string {
  if (release.display) return release.display;
  return release.codename && family !== NODE ? `${family.label} ${release.version} (${release.codename})` : `${family.label} ${release.version}`;
}

interface Candidate {
  family: Family;
  release: Release;
}

/** Runtime images: the version is the first tag part; the rest are variants and distro pins. */
const RUNTIMES: Record<string, { family: Family; components: 1 | 2; majorOnly?: Record<string, string>; aliases?: Map<string, Release> }> = {
  python: { family: PYTHON, components: 2, majorOnly: { '2': '2.7' } },
  pypy: { family: PYTHON, components: 2, majorOnly: { '2': '2.7' } },
  node: { family: NODE, components: 1, aliases: NODE_CODENAMES },
  golang: { family: GOLANG, components: 2 },
  php: { family: PHP, components: 2, majorOnly: { '5': '5.6', '7': '7.4' } },
  ruby: { family: RUBY, components: 2, majorOnly: { '2': '2.7' } },
  'eclipse-temurin': { family: TEMURIN, components: 1 },
};

/**
 * Whether the image is a release past its end of life on `today`, and which supported tag to
 * move to. Undefined when the image is supported, unknown, floating (`latest`, `3`, `lts`), or
 * still has unresolved variables.
 */
export function eolInfo(ref: ImageReference, today: Date): EolInfo | undefined {
  if (ref.hasVariables) return undefined;
  const name = officialImageName(ref);
  if (!name) return undefined;
  const now = todayString(today);
  const tag = (ref.tag ?? '').toLowerCase();

  const deprecated = DEPRECATED_JAVA[name];
  if (deprecated) return deprecatedJava(ref, tag, deprecated, now);
  if (name === 'centos') return centos(tag);

  const parts = tag.split('-');
  const runtime = RUNTIMES[name];
  const candidates: Candidate[] = [];
  let versionPartIsRuntime = false;
  let distroFamily: Family | undefined;
  if (runtime) {
    const release = runtimeRelease(runtime, parts[0]);
    if (release) {
      candidates.push({ family: runtime.family, release });
      versionPartIsRuntime = true;
    }
  } else {
    const distro = distroRelease(name, parts[0]);
    if (distro) {
      candidates.push(distro);
      distroFamily = distro.family;
    }
  }
  const pins = runtime ? distroPins(parts) : [];
  for (const pin of pins) candidates.push({ family: pin.family, release: pin.release });

  const past = candidates.filter((candidate) => isPast(candidate.release.eol, now));
  if (past.length === 0) return undefined;
  const partsInfo = past.map((candidate) => ({ release: describe(candidate.family, candidate.release), eolDate: candidate.release.eol }));
  const info: EolInfo = {
    release: partsInfo.map((part) => part.release).join(' and '),
    eolDate: partsInfo.map((part) => part.eolDate).sort()[0],
    parts: partsInfo,
  };

  // Successor: replace the EOL version, drop EOL distro pins (the default variant is current).
  const next = [...parts];
  const versionFamily = versionPartIsRuntime ? runtime?.family : distroFamily;
  if (versionFamily && isPast(candidates[0].release.eol, now)) {
    const successor = successorRelease(versionFamily, now);
    if (!successor) return info;
    next[0] = successorVersionText(parts[0], successor);
    // Drop date stamps (`stretch-20220622`, `bionic-20230530`): they pin the old release's snapshot.
    if (distroFamily) for (let i = 1; i < next.length; i++) if (/^\d{8}$/.test(next[i])) next[i] = '';
  }
  for (const pin of pins) {
    if (!isPast(pin.release.eol, now)) continue;
    if (pin.indexes[0] === 0 && !pin.keep) {
      // The tag is only a codename (`python:buster`): move to the current one.
      const successor = successorRelease(pin.family, now);
      if (!successor) return info;
      next[0] = successorVersionText(parts[0], successor);
      continue;
    }
    // Elsewhere, drop the pin: the unpinned variant follows the current distribution release.
    pin.indexes.forEach((index, position) => (next[index] = position === 0 && pin.keep ? pin.keep : ''));
  }
  const successorTag = next.filter((part) => part !== '').join('-');
  if (successorTag && successorTag !== tag) info.successorTag = successorTag;
  return info;
}

/** The successor written the way the tag wrote its release: a codename for a codename. */
function successorVersionText(written: string, successor: Release): string {
  return /^[a-z]/.test(written) && successor.codename !== undefined ? successor.codename : successor.version;
}

function runtimeRelease(runtime: (typeof RUNTIMES)[string], part: string): Release | undefined {
  const alias = runtime.aliases?.get(part);
  if (alias) return alias;
  if (runtime.family === NODE && /^0\.1[02](?:\.\d+)?$/.test(part)) return findRelease(NODE, part.slice(0, 4));
  if (runtime.family === TEMURIN) {
    const java = /^(\d+)(?:u\d+|[._+]|$)/.exec(part);
    return java ? findRelease(TEMURIN, java[1]) : undefined;
  }
  const key = versionKey(part, runtime.components);
  if (!key) return undefined;
  if (runtime.components === 2 && !key.includes('.')) {
    const mapped = runtime.majorOnly?.[key];
    return mapped ? findRelease(runtime.family, mapped) : undefined;
  }
  return findRelease(runtime.family, key);
}

function distroRelease(name: string, part: string): Candidate | undefined {
  switch (name) {
    case 'debian': {
      const byCodename = DEBIAN_CODENAMES.get(part);
      if (byCodename) return { family: DEBIAN, release: byCodename };
      const key = /^(\d+)(?:\.\d+)*$/.exec(part);
      const release = key ? findRelease(DEBIAN, key[1]) : undefined;
      return release ? { family: DEBIAN, release } : undefined;
    }
    case 'ubuntu': {
      const byCodename = UBUNTU_CODENAMES.get(part);
      if (byCodename) return { family: UBUNTU, release: byCodename };
      const key = /^(\d+\.\d+)(?:\.\d+)?$/.exec(part);
      const release = key ? findRelease(UBUNTU, key[1]) : undefined;
      return release ? { family: UBUNTU, release } : undefined;
    }
    case 'alpine': {
      const key = /^(\d+\.\d+)(?:\.\d+)?$/.exec(part);
      if (key && /^2\./.test(key[1])) return { family: ALPINE, release: r(key[1], '2012-01-01', '2015-11-01') };
      const release = key ? findRelease(ALPINE, key[1]) : undefined;
      return release ? { family: ALPINE, release } : undefined;
    }
    case 'fedora': {
      const release = /^\d+$/.test(part) ? findRelease(FEDORA, part) : undefined;
      if (!release && /^\d+$/.test(part) && Number(part) < 20) return { family: FEDORA, release: r(part, '2013-01-01', '2015-01-01') };
      return release ? { family: FEDORA, release } : undefined;
    }
    case 'centos-stream': {
      const release = findRelease(CENTOS_STREAM, part);
      return release ? { family: CENTOS_STREAM, release } : undefined;
    }
    case 'amazonlinux': {
      if (part === '1' || /^201[5-8]\.\d+/.test(part)) return { family: AMAZON_LINUX, release: findRelease(AMAZON_LINUX, '1') as Release };
      if (/^2(?:\.\d+)*$/.test(part)) return { family: AMAZON_LINUX, release: findRelease(AMAZON_LINUX, '2') as Release };
      if (/^2023(?:\.\d+)*$/.test(part)) return { family: AMAZON_LINUX, release: findRelease(AMAZON_LINUX, '2023') as Release };
      return undefined;
    }
    default:
      return undefined;
  }
}

function centos(tag: string): EolInfo | undefined {
  // The `centos` image on Docker Hub is deprecated; `latest` is CentOS 8.
  const match = /^(?:centos)?(\d+)/.exec(tag);
  const version = tag === '' || tag === 'latest' ? '8' : match ? match[1] : undefined;
  const release = version ? findRelease(CENTOS, version) : undefined;
  if (!release) return undefined;
  const part = { release: `CentOS ${release.version}`, eolDate: release.eol };
  return {
    ...part,
    parts: [part],
    advice: 'CentOS Linux is discontinued: move to a maintained rebuild or successor such as `quay.io/centos/centos:stream9`, `almalinux:9`, `rockylinux/rockylinux:9` or Red Hat UBI (`registry.access.redhat.com/ubi9/ubi`).',
  };
}

const JAVA_LTS = ['8', '11', '17', '21', '25'];

function deprecatedJava(ref: ImageReference, tag: string, deprecated: { label: string; since: string }, now: string): EolInfo | undefined {
  // Early-access builds (`openjdk:26-ea-…`) are still published.
  if (/(?:^|-)ea(?:-|$)|^\d+-ea/.test(tag)) return undefined;
  const part = { release: deprecated.label, eolDate: deprecated.since };
  const info: EolInfo = { ...part, parts: [part] };
  const parts = tag === '' || tag === 'latest' ? [] : tag.split('-');
  const major = /^(?:openjdk)?(\d+)/.exec(parts[0] ?? '');
  let version = major ? major[1] : undefined;
  if (!version || !JAVA_LTS.includes(version) || isPast(findRelease(TEMURIN, version)?.eol ?? '0000', now)) {
    version = successorRelease(TEMURIN, now)?.version;
  }
  if (!version) return info;
  const kind = parts.includes('jre') ? 'jre' : parts.includes('jdk') ? 'jdk' : undefined;
  const next = [version, ...(kind ? [kind] : []), ...(parts.includes('alpine') ? ['alpine'] : [])];
  info.successorTag = next.join('-');
  const prefix = ref.repository.slice(0, ref.repository.length - ref.name.length);
  info.successorRepository = `${prefix}eclipse-temurin`;
  return info;
}

/** Families with a `-slim` variant, and where `slim` goes in their tags. */
const SLIM_STYLE: Record<string, 'before-codename' | 'after-codename'> = {
  python: 'before-codename',
  ruby: 'before-codename',
  perl: 'before-codename',
  rust: 'before-codename',
  node: 'after-codename',
  debian: 'after-codename',
};

const FLOATING_NODE = new Set(['lts', 'current']);
const FLOATING_DEBIAN = new Set(['stable', 'oldstable', 'oldoldstable', 'testing', 'unstable', 'sid']);

/**
 * The `-slim` tag of a full image of a family that publishes one (`python:3.12` → `3.12-slim`,
 * `node:20-bookworm` → `20-bookworm-slim`, `debian:bookworm` → `bookworm-slim`). Undefined when
 * the image is already minimal, has no slim variant, or its tag is not one this knows.
 */
export function slimVariant(ref: ImageReference): string | undefined {
  if (ref.hasVariables) return undefined;
  const name = officialImageName(ref);
  if (!name) return undefined;
  const style = SLIM_STYLE[name];
  if (!style) return undefined;
  const tag = (ref.tag ?? '').toLowerCase();
  if (tag === '' || tag === 'latest') return name === 'debian' ? 'stable-slim' : 'slim';
  const parts = tag.split('-');
  const version = parts[0];
  const versionOk =
    /^\d+(?:\.\d+)*$/.test(version) ||
    DEBIAN_CODENAMES.has(version) ||
    (name === 'node' && (FLOATING_NODE.has(version) || NODE_CODENAMES.has(version))) ||
    (name === 'debian' && FLOATING_DEBIAN.has(version));
  if (!versionOk) return undefined;
  const rest = parts.slice(1);
  // Only plain tags: a version, an optional Debian codename and (Debian images) a date stamp.
  const codenameOnly = DEBIAN_CODENAMES.has(version) && rest.length === 0;
  if (codenameOnly) return style === 'before-codename' ? `slim-${version}` : `${version}-slim`;
  if (name === 'debian') {
    if (rest.length === 0 || (rest.length === 1 && /^\d{8}$/.test(rest[0]))) return `${tag}-slim`;
    return undefined;
  }
  if (rest.length === 0) return `${tag}-slim`;
  if (rest.length === 1 && DEBIAN_CODENAMES.has(rest[0])) {
    return style === 'before-codename' ? `${version}-slim-${rest[0]}` : `${tag}-slim`;
  }
  return undefined;
}

/** Whether a tag names a minimal variant (slim, alpine, distroless-style, chiseled, Windows nano). */
export function isMinimalTag(tag: string | undefined): boolean {
  if (!tag) return false;
  return /(?:^|[-_.])(?:slim|alpine|alpine\d[\d.]*|distroless|chiseled|minimal|micro|nanoserver|static)(?:$|[-_.\d])/i.test(tag);
}
