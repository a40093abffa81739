// Hover text for Dockerfile instructions and flags: what they mean for security, even without a finding.

import type { Position } from '../engine/types';
import type { DockerfileModel } from '../dockerfile/model';
import { comparePositions } from '../engine/source';

const INSTRUCTIONS: Record<string, string> = {
  FROM: 'Sets the base image: everything in it ships in your image. Pin a tag you control (and a digest for reproducibility), prefer minimal variants (`-slim`, alpine, distroless), and pull only from trusted registries. A stage name (`FROM build`) reuses an earlier stage.',
  RUN: 'Runs a command at build time, as the current `USER`, and stores its file changes in a layer for good. Secrets used here stay in the layer unless passed with `RUN --mount=type=secret`. Download with checksums, keep package caches out of the layer, and avoid `curl | sh`.',
  USER: 'Sets the user for the following `RUN`, `CMD` and `ENTRYPOINT`. The final stage should end on a non-root user (preferably a numeric UID) so a compromised process does not have root in the container.',
  ENV: 'Sets environment variables that persist in the image and in every container started from it: visible with `docker inspect`. Never put secrets here.',
  ARG: 'A build-time variable. Its value is recorded in the image history (`docker history`), so it is not a place for secrets: use `RUN --mount=type=secret` instead.',
  COPY: 'Copies files from the build context or a stage into the image. Keep a `.dockerignore` so `.git`, `.env` files and keys never reach the image; use `--chown`/`--chmod` instead of a separate `chmod` layer.',
  ADD: 'Like `COPY`, but also fetches URLs and unpacks archives. Prefer `COPY` for local files; for remote files, pin them with `--checksum=sha256:…`.',
  EXPOSE: 'Documents the ports the container listens on. It does not publish them; avoid exposing administrative ports such as 22 (SSH).',
  VOLUME: 'Declares a mount point. Never mount the Docker socket: it gives root on the host.',
  CMD: 'The default command. Prefer exec (JSON) form so the process is PID 1 and receives stop signals.',
  ENTRYPOINT: 'The container’s main executable. Prefer exec (JSON) form so signals reach it and no shell interprets arguments.',
  HEALTHCHECK: 'Tells the runtime how to check that the container still works, so failures are detected and the container restarted. `HEALTHCHECK NONE` disables a check inherited from the base image.',
  SHELL: 'Changes the shell of shell-form instructions. `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` makes a failed download in a pipe fail the build.',
  WORKDIR: 'Sets the working directory. Use absolute paths; it is created as root if missing.',
  LABEL: 'Adds metadata (e.g. `org.opencontainers.image.source`) that scanners and registries use to trace an image to its source.',
  ONBUILD: 'Registers an instruction that runs when another image is built FROM this one: it executes in someone else’s build, so review it like code you run there.',
  STOPSIGNAL: 'The signal sent to stop the container; pair it with an exec-form entrypoint.',
};

const FLAGS: Record<string, string> = {
  mount: '`--mount` attaches a cache, a bind, a secret or an SSH agent to this `RUN` only. `type=secret` keeps credentials out of layers; never bind the Docker socket.',
  network: '`--network=host` gives the build step the host’s network namespace; `none` isolates it — the safest for steps that need no network.',
  security: '`--security=insecure` runs the step with all capabilities (like a privileged container). It needs the `security.insecure` entitlement and should not be used.',
  chown: '`--chown` sets the owner of copied files: copy as root-owned and read-only where the application does not need to write.',
  chmod: '`--chmod` sets permissions at copy time, avoiding a separate `chmod` layer; never make files world-writable.',
  checksum: '`--checksum=sha256:…` verifies a remote `ADD` source, so a changed or tampered download fails the build.',
  from: '`--from` copies from another stage or image: multi-stage builds keep compilers and sources out of the final image.',
  platform: '`--platform` selects the image platform; it does not affect security by itself.',
  link: '`--link` copies files in an independent layer, which improves cache reuse; it does not change what ships.',
  'keep-git-dir': '`--keep-git-dir` keeps the `.git` folder of a git source: it may contain history you did not mean to ship.',
};

export function dockerfileHover(model: DockerfileModel, position: Position): string | undefined {
  for (const instruction of model.instructions) {
    if (comparePositions(position, instruction.range.start) < 0 || comparePositions(position, instruction.range.end) > 0) continue;
    for (const flag of instruction.flags) {
      if (comparePositions(position, flag.range.start) >= 0 && comparePositions(position, flag.range.end) <= 0) {
        const text = FLAGS[flag.name.toLowerCase()];
        if (text) return `**${instruction.keyword} --${flag.name}** — ${text}`;
      }
    }
    const keyword = instruction.keywordRange;
    if (comparePositions(position, keyword.start) >= 0 && comparePositions(position, keyword.end) <= 0) {
      const text = INSTRUCTIONS[instruction.keyword];
      const onbuild = instruction.onbuild ? `\n\n${INSTRUCTIONS.ONBUILD}` : '';
      if (text) return `**${instruction.keyword}** — ${text}${onbuild}`;
    }
  }
  return undefined;
}
