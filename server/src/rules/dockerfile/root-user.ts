import { dockerfileRule } from '../../dockerfile/rule';
import { firstLineRange } from '../../dockerfile/helpers';
import { externalImages, knownBaseImage, retagEdit, runtimeInsertionEdit, stageFlavour } from '../../dockerfile/image-helpers';
import { officialImageName } from '../../dockerfile/eol-data';
import { recordAssignments, rootImage, stageAncestry, substituteVariables, type DockerfileModel, type DockerInstruction, type Stage } from '../../dockerfile/model';
import type { ImageReference } from '../../engine/image';
import { checklistReference, CIS_DOCKER, DOCKERFILE_REFERENCE, NIST_800_190 } from '../../engine/references';
import type { Fix } from '../../engine/types';

/** Bitnami application images that run as a non-root user (1001) by default. */
const BITNAMI_NON_ROOT = new Set([
  'nginx', 'apache', 'redis', 'redis-sentinel', 'postgresql', 'mysql', 'mariadb', 'mongodb', 'kafka', 'zookeeper',
  'rabbitmq', 'memcached', 'etcd', 'kubectl', 'keycloak', 'openldap', 'valkey',
]);
/** Red Hat language images (s2i) default to UID 1001. */
const RED_HAT_LANGUAGE_IMAGE = /^ubi\d+\/(?:python|nodejs|ruby|php|perl|go-toolset|openjdk)(?:-\d+(?:-\w+)?)?$/;

/**
 * Whether an image is known to run as a non-root user when the Dockerfile sets none. Kept
 * deliberately short: only images whose documentation promises a non-root default.
 */
export function knownNonRootImage(ref: ImageReference): boolean {
  const registry = ref.effectiveRegistry.toLowerCase();
  const repository = ref.repository.toLowerCase();
  const tag = (ref.tag ?? '').toLowerCase();
  if (/nonroot|rootless|non-root/.test(tag)) return true;
  if (/(?:^|[/-])(?:nonroot|rootless|unprivileged)(?:$|[/-])/.test(repository)) return true;
  if (/(?:^|-)chiseled(?:-|$)/.test(tag)) return true; // .NET chiseled images run as `app`
  if (registry === 'cgr.dev' && repository.startsWith('chainguard/') && !/^chainguard\/(?:wolfi-base|busybox)$/.test(repository)) return true;
  if ((registry === 'docker.io' || registry === 'index.docker.io') && repository.startsWith('bitnami/') && BITNAMI_NON_ROOT.has(repository.slice(8))) return true;
  if ((registry === 'registry.access.redhat.com' || registry === 'registry.redhat.io') && RED_HAT_LANGUAGE_IMAGE.test(repository)) return true;
  // The GitHub Actions runner image (actions/runner `images/Dockerfile`) ends with `USER runner` (UID 1001).
  if (registry === 'ghcr.io' && repository === 'actions/actions-runner') return true;
  return false;
}

const ROOT_USER = /^(?:root|0)(?::.*)?$/;
/** Entrypoint helpers that start as root and step down to another user. */
const PRIVILEGE_DROP = /(?:^|[\s/"'=])(?:gosu|su-exec|setpriv|s6-setuidgid|chpst|runuser)(?:$|[\s"'])/;

interface UserSetting {
  instruction: DockerInstruction;
  value: string;
}

/** The `USER` in effect for a stage: its own last one, else the one of the stage it builds on. */
function effectiveUser(model: DockerfileModel, stage: Stage): UserSetting | undefined {
  for (const current of stageAncestry(stage)) {
    const variables = new Map(model.globalArgs);
    let last: UserSetting | undefined;
    for (const instruction of current.instructions) {
      if (instruction.onbuild) continue;
      recordAssignments(instruction, variables);
      if (instruction.keyword === 'USER' && instruction.args.length > 0) {
        last = { instruction, value: substituteVariables(instruction.args[0].value, variables).replace(/^(["'])(.*)\1$/, '$2') };
      }
    }
    if (last) return last;
  }
  return undefined;
}

/** Whether a (non-final) stage runs as root: its last USER is root, or it sets none on a known root base. */
function runsAsRoot(model: DockerfileModel, stage: Stage): boolean {
  const user = effectiveUser(model, stage);
  if (user) return !user.value.includes('$') && ROOT_USER.test(user.value.trim());
  if (rootImage(stage).scratch) return false; // artifact stages (`binaries-$TARGETOS`) are not judged this way
  const image = knownBaseImage(stage);
  return image !== undefined && !knownNonRootImage(image);
}

function dropsPrivileges(stage: Stage): boolean {
  for (const current of stageAncestry(stage)) {
    for (const instruction of current.instructions) {
      if (!['RUN', 'CMD', 'ENTRYPOINT', 'COPY'].includes(instruction.keyword)) continue;
      if (PRIVILEGE_DROP.test(instruction.argumentsText.text)) return true;
    }
  }
  return false;
}

function isWindows(stage: Stage): boolean {
  if (stageFlavour(stage) === 'windows') return true;
  return stageAncestry(stage).some((current) => current.instructions.some((instruction) => instruction.keyword === 'SHELL' && /powershell|pwsh|cmd(?:\.exe)?["\s]/i.test(instruction.argumentsText.text)));
}

function fixes(model: DockerfileModel, stage: Stage): Fix[] {
  const flavour = stageFlavour(stage);
  const result: Fix[] = [];
  const uid = flavour === 'distroless' ? '65532' : '10001';
  result.push({
    title: `Run as a non-root user: insert \`USER ${uid}\``,
    mechanical: false,
    edits: [runtimeInsertionEdit(model, stage, [`USER ${uid}`])],
  });
  const base = rootImage(stage);
  if (base.image && officialImageName(base.image) === 'node') {
    result.push({ title: 'Run as the image\'s `node` user: insert `USER node`', mechanical: false, edits: [runtimeInsertionEdit(model, stage, ['USER node'])] });
  }
  const create: Record<string, string | undefined> = {
    alpine: 'addgroup -S -g 10001 app && adduser -S -u 10001 -G app app',
    busybox: 'addgroup -S -g 10001 app && adduser -S -u 10001 -G app app',
    debian: 'groupadd -r -g 10001 app && useradd -r -u 10001 -g app app',
    rhel: 'groupadd -r -g 10001 app && useradd -r -u 10001 -g app app',
  };
  const command = create[flavour];
  if (command) {
    result.push({
      title: `Create an \`app\` user (${flavour === 'busybox' ? 'alpine' : flavour} tools) and switch to it`,
      mechanical: false,
      edits: [runtimeInsertionEdit(model, stage, [`RUN ${command}`, 'USER 10001'])],
    });
  }
  if (flavour === 'distroless' && base.image && base.image.effectiveRegistry === 'gcr.io') {
    const tag = base.image.tag ?? 'latest';
    const nonroot = tag === 'latest' ? 'nonroot' : tag === 'debug' ? 'debug-nonroot' : undefined;
    const use = nonroot ? externalImages(model).find((candidate) => candidate.source === 'from' && candidate.stage === stageAncestry(stage).at(-1)) : undefined;
    const edit = use && nonroot ? retagEdit(model, use, nonroot) : undefined;
    if (edit && !base.image.digest) result.push({ title: `Use the distroless \`:${nonroot}\` image`, mechanical: false, edits: [edit] });
  }
  return result;
}

export default dockerfileRule({
  id: 'dockerfile/root-user',
  title: 'Container runs as root',
  defaultSeverity: 'warning',
  fix: 'S',
  checklist: ['D2.1'],
  anchors: { hadolint: ['DL3002'], trivy: ['DS-0002'], checkov: ['CKV_DOCKER_3', 'CKV_DOCKER_8'] },
  docs: {
    why:
      'A container whose process runs as root (UID 0) gives any code execution bug root inside the container: it can change the image\'s files, read every mounted secret, and — with one misconfigured mount, capability or kernel bug — root on the host. Without a `USER` instruction in the final stage (or in the stage it builds on), the image runs as whatever its base image chose, which is root for almost all base images; `USER root` or `USER 0` as the last `USER` does the same explicitly.',
    how:
      'Add a `USER` with a numeric, non-zero UID after the build steps that need root and before `CMD`/`ENTRYPOINT` (a numeric UID lets Kubernetes verify `runAsNonRoot`). Create the user with the base image\'s tools if the application needs a home or a name, give it ownership of only the paths it writes (`COPY --chown=10001:10001`), or start from an image that already runs as non-root (e.g. distroless `:nonroot`). Images whose entrypoint starts as root to drop privileges with `gosu`/`su-exec` are reported at a lower severity.',
    bad: 'FROM node:22-slim\nCOPY . /app\nCMD ["node", "/app/server.js"]',
    good: 'FROM node:22-slim\nCOPY --chown=node:node . /app\nUSER node\nCMD ["node", "/app/server.js"]',
    references: [
      checklistReference('D2.1'),
      CIS_DOCKER('4.1', 'Ensure that a user for the container has been created'),
      NIST_800_190('4.1.2', 'Image configuration defects'),
      DOCKERFILE_REFERENCE('USER'),
    ],
  },
  check(model, ctx) {
    const stage = model.finalStage;
    if (!stage || isWindows(stage)) return;
    const user = effectiveUser(model, stage);
    const lowered = dropsPrivileges(stage) ? 'info' : undefined;
    const loweredNote = lowered ? ' It steps down with gosu/su-exec at start, but the entrypoint itself runs as root.' : '';
    if (user) {
      const value = user.value.trim();
      if (value.includes('$') || !ROOT_USER.test(value)) return;
      const argument = user.instruction.args[0];
      const range = { start: argument.range.start, end: user.instruction.args[user.instruction.args.length - 1].range.end };
      ctx.report({
        range,
        message: `The last \`USER\` of the final image is \`${value}\`: the container runs as root.${loweredNote}`,
        severity: lowered,
        fixes: fixes(model, stage),
        anchors: ['DL3002', 'DS-0002', 'CKV_DOCKER_8'],
      });
      return;
    }
    const base = rootImage(stage);
    let resolved = base.imageText;
    if (!base.scratch) {
      const image = knownBaseImage(stage);
      if (!image) {
        // `FROM runtime-$TARGETARCH`: a stage chosen by a build argument. When every stage it could
        // name runs as root, so does the image, whichever is chosen.
        const candidates = base.unresolved ? base.candidateStages ?? [] : [];
        if (candidates.length > 0 && candidates.every((candidate) => runsAsRoot(model, candidate))) {
          const names = candidates.map((candidate) => `\`${candidate.name}\``).join(', ');
          ctx.report({
            range: firstLineRange(model, stage.fromInstruction),
            message: `The final stage sets no \`USER\` and builds on \`${base.imageText}\`, which names one of ${names}: none of them sets a non-root \`USER\`, so the container runs as root.${loweredNote}`,
            severity: lowered,
            fixes: fixes(model, stage),
            anchors: ['DS-0002', 'CKV_DOCKER_3'],
          });
        }
        return; // base unknown: it may well set a user
      }
      if (knownNonRootImage(image)) return;
      resolved = image.raw; // ARG defaults substituted (`alpine:3.10.3`, not `alpine:${VERSION}`)
    }
    const message = base.scratch
      ? 'The final stage is `FROM scratch` with no `USER`: the process runs as UID 0 (root).'
      : `The final stage sets no \`USER\`: the container runs as the default user of \`${resolved}\`, which is root unless that image sets another.`;
    // hadolint's DL3002 and Checkov's CKV_DOCKER_8 judge a `USER root`; a missing USER is CKV_DOCKER_3.
    ctx.report({ range: firstLineRange(model, stage.fromInstruction), message: message + loweredNote, severity: lowered, fixes: fixes(model, stage), anchors: ['DS-0002', 'CKV_DOCKER_3'] });
  },
});
