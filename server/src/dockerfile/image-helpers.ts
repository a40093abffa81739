// Helpers for the image and runtime rules: the images a Dockerfile pulls, edits of their tags,
// the base image's flavour, and where runtime settings (USER, HEALTHCHECK) belong.

import { parseImageReference, type ImageReference } from '../engine/image';
import type { Range, TextEdit } from '../engine/types';
import { officialImageName } from './eol-data';
import { insertLinesAfter } from './helpers';
import { recordAssignments, rootImage, stageAncestry, substituteVariables, type DockerfileModel, type DockerInstruction, type Stage } from './model';

export interface ImageUse {
  /** `FROM <image>`, `COPY --from=<image>` or `RUN --mount=…,from=<image>`. */
  source: 'from' | 'copy' | 'mount';
  stage: Stage;
  instruction: DockerInstruction;
  /** The reference with ARG defaults substituted. */
  ref: ImageReference;
  /** The image token in the document. */
  range: Range;
  /** Document offset of the reference when it is written without variables (then `ref.raw` is the document text). */
  literalStart?: number;
}

const REPOSITORY = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[A-Za-z0-9=_-]+$/;
const HOST = /^[A-Za-z0-9.-]+(?::\d+)?$/;

/** Whether a reference is well formed (a `FROM` with a missing or broken image is not judged). */
export function isWellFormedReference(ref: ImageReference): boolean {
  if (ref.registry && !HOST.test(ref.registry)) return false;
  if (!REPOSITORY.test(ref.repository)) return false;
  if (ref.tag !== undefined && !TAG.test(ref.tag)) return false;
  if (ref.digest !== undefined && !DIGEST.test(ref.digest)) return false;
  return true;
}

/**
 * Every image the build pulls: external `FROM` images (not stages, not `scratch`) and images
 * named by `COPY --from` and `RUN --mount=from=`. References that still hold unresolved
 * variables are left out: their image is unknown.
 */
export function externalImages(model: DockerfileModel): ImageUse[] {
  let uses = imageCache.get(model);
  if (!uses) {
    uses = collectImages(model);
    imageCache.set(model, uses);
  }
  return uses;
}

/** Several rules ask for the images of the same parsed model: collect them once. */
const imageCache = new WeakMap<DockerfileModel, ImageUse[]>();

function collectImages(model: DockerfileModel): ImageUse[] {
  const uses: ImageUse[] = [];
  const stageNames = new Set(model.stages.map((stage) => stage.name).filter((name): name is string => name !== undefined));
  for (const stage of model.stages) {
    const base = stage.base;
    const named = base.imageRange.start.line !== stage.fromInstruction.keywordRange.start.line || base.imageRange.start.character !== stage.fromInstruction.keywordRange.start.character;
    if (named && !base.stage && !base.scratch && !base.unresolved && base.image && !base.image.hasVariables && isWellFormedReference(base.image)) {
      uses.push({
        source: 'from',
        stage,
        instruction: stage.fromInstruction,
        ref: base.image,
        range: base.imageRange,
        literalStart: base.imageText === base.image.raw ? model.source.offsetAt(base.imageRange.start) : undefined,
      });
    }
    const variables = new Map(model.globalArgs);
    for (const instruction of stage.instructions) {
      if (recordAssignments(instruction, variables)) continue;
      for (const flag of instruction.flags) {
        if (!flag.value || !flag.valueRange) continue;
        const name = flag.name.toLowerCase();
        if (name === 'from' && (instruction.keyword === 'COPY' || instruction.keyword === 'ADD')) {
          const start = model.source.offsetAt(flag.valueRange.start);
          const use = imageAt(model, stage, instruction, 'copy', flag.value, start, variables, stageNames);
          if (use) uses.push(use);
        } else if (name === 'mount' && instruction.keyword === 'RUN') {
          const valueStart = model.source.offsetAt(flag.valueRange.start);
          let position = 0;
          for (const field of flag.value.split(',')) {
            const eq = field.indexOf('=');
            if (eq > 0 && field.slice(0, eq).trim().toLowerCase() === 'from') {
              const start = valueStart + position + eq + 1;
              const value = field.slice(eq + 1);
              if (model.source.text.slice(start, start + value.length) === value) {
                const use = imageAt(model, stage, instruction, 'mount', value, start, variables, stageNames);
                if (use) uses.push(use);
              }
            }
            position += field.length + 1;
          }
        }
      }
    }
  }
  return uses;
}

function imageAt(
  model: DockerfileModel,
  stage: Stage,
  instruction: DockerInstruction,
  source: 'copy' | 'mount',
  written: string,
  start: number,
  variables: Map<string, string | undefined>,
  stageNames: Set<string>,
): ImageUse | undefined {
  const text = unquote(written.trim());
  if (text === '') return undefined;
  const resolved = substituteVariables(text, variables);
  if (resolved.includes('$')) return undefined;
  const lower = resolved.toLowerCase();
  if (/^\d+$/.test(lower) || stageNames.has(lower) || lower === 'scratch') return undefined;
  const ref = parseImageReference(resolved);
  if (ref.hasVariables || !isWellFormedReference(ref)) return undefined;
  const literal = text === written && !written.includes('$');
  return {
    source,
    stage,
    instruction,
    ref,
    range: model.source.rangeAt(start, start + written.length),
    literalStart: literal ? start : undefined,
  };
}

function unquote(value: string): string {
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value[value.length - 1] === value[0]) return value.slice(1, -1);
  return value;
}

/** `registry/` prefix length of a reference's raw text. */
function repositoryStart(ref: ImageReference): number {
  return ref.registry ? ref.registry.length + 1 : 0;
}

/**
 * Edit that gives a literally written image a new tag (and, optionally, a new repository path),
 * dropping a digest that would no longer match. Undefined when the image is built from variables.
 */
export function retagEdit(model: DockerfileModel, use: ImageUse, newTag: string, newRepository?: string): TextEdit | undefined {
  if (use.literalStart === undefined) return undefined;
  const { ref } = use;
  const start = use.literalStart;
  const end = start + ref.raw.length;
  if (newRepository !== undefined) {
    const from = start + repositoryStart(ref);
    return { range: model.source.rangeAt(from, end), newText: `${newRepository}:${newTag}` };
  }
  if (ref.tagStart !== undefined && ref.tag !== undefined) {
    const tagFrom = start + ref.tagStart;
    const tagTo = ref.digest !== undefined ? end : tagFrom + ref.tag.length;
    return { range: model.source.rangeAt(tagFrom, tagTo), newText: newTag };
  }
  const repositoryEnd = start + repositoryStart(ref) + ref.repository.length;
  return { range: model.source.rangeAt(repositoryEnd, ref.digest !== undefined ? end : repositoryEnd), newText: `:${newTag}` };
}

/** What the base image is built from, for fixes that must use its tools. */
export type BaseFlavour = 'scratch' | 'distroless' | 'windows' | 'alpine' | 'busybox' | 'debian' | 'rhel' | 'unknown';

const DEBIAN_BASED = new Set([
  'debian', 'ubuntu', 'buildpack-deps', 'python', 'pypy', 'node', 'ruby', 'golang', 'php', 'perl', 'rust', 'eclipse-temurin',
  'nginx', 'httpd', 'redis', 'postgres', 'mariadb', 'mongo', 'elixir', 'erlang', 'gcc', 'haproxy', 'memcached', 'rabbitmq',
]);
const RHEL_BASED = new Set(['centos', 'fedora', 'rockylinux', 'almalinux', 'amazonlinux', 'oraclelinux']);

export function imageFlavour(ref: ImageReference): BaseFlavour {
  const repository = ref.repository.toLowerCase();
  const registry = ref.effectiveRegistry.toLowerCase();
  const tag = (ref.tag ?? '').toLowerCase();
  if (/windows|servercore|nanoserver/.test(repository) || /windowsservercore|nanoserver|(?:^|-)ltsc\d/.test(tag)) return 'windows';
  if (registry === 'gcr.io' && repository.startsWith('distroless/')) return 'distroless';
  if (registry === 'cgr.dev' && !/(?:^|-)dev$/.test(tag)) return 'distroless';
  if (/(?:^|-)chiseled(?:-|$)/.test(tag)) return 'distroless';
  const official = officialImageName(ref);
  if (official === 'busybox') return 'busybox';
  if (official === 'alpine' || /(?:^|-)alpine(?:\d[\d.]*)?(?:-|$)/.test(tag) || /(?:^|[/-])alpine(?:-|$)/.test(repository)) return 'alpine';
  if (official && DEBIAN_BASED.has(official)) return /(?:^|-)(?:ubi\d*|oraclelinux\d*|oracle)(?:-|$)/.test(tag) ? 'unknown' : 'debian';
  if (official && RHEL_BASED.has(official)) return 'rhel';
  if (/^(?:redhat\/)?ubi\d+(?:\/ubi)?$/.test(repository) && /redhat|docker\.io/.test(registry)) return 'rhel';
  return 'unknown';
}

/** The flavour of the image a stage ultimately builds on. */
export function stageFlavour(stage: Stage): BaseFlavour {
  const base = rootImage(stage);
  if (base.scratch) return 'scratch';
  const image = knownBaseImage(stage);
  return image ? imageFlavour(image) : 'unknown';
}

/** The image a stage ultimately builds on, when it is named, resolved and well formed. */
export function knownBaseImage(stage: Stage): ImageReference | undefined {
  const chain = stageAncestry(stage);
  const root = chain[chain.length - 1];
  const base = root.base;
  if (!base.image || base.unresolved || base.image.hasVariables || !isWellFormedReference(base.image)) return undefined;
  const keyword = root.fromInstruction.keywordRange.start;
  if (base.imageRange.start.line === keyword.line && base.imageRange.start.character === keyword.character) return undefined;
  return base.image;
}

const BUILD_STEPS = new Set(['RUN', 'COPY', 'ADD', 'USER', 'WORKDIR']);

/**
 * Inserts lines where runtime settings belong in a stage: before the first `CMD`/`ENTRYPOINT`
 * that follows the stage's last build step (above the comments that introduce it), or after
 * the stage's last instruction.
 */
export function runtimeInsertionEdit(model: DockerfileModel, stage: Stage, lines: string[]): TextEdit {
  const instructions = stage.instructions;
  let lastBuild = 0;
  instructions.forEach((instruction, index) => {
    if (!instruction.onbuild && BUILD_STEPS.has(instruction.keyword)) lastBuild = index;
  });
  const target = instructions.find((instruction, index) => index > lastBuild && !instruction.onbuild && (instruction.keyword === 'CMD' || instruction.keyword === 'ENTRYPOINT'));
  if (!target) return insertLinesAfter(model, instructions[instructions.length - 1], lines);
  const previousEnd = instructions[instructions.indexOf(target) - 1]?.range.end.line ?? -1;
  let line = target.range.start.line;
  while (line - 1 > previousEnd && model.source.lineText(line - 1).trimStart().startsWith('#')) line--;
  const indentation = model.source.indentation(target.range.start.line);
  const eol = model.source.eol;
  const position = { line, character: 0 };
  return { range: { start: position, end: position }, newText: lines.map((text) => indentation + text + eol).join('') };
}

/** The ports the final image declares (`EXPOSE`), first one first, for templates. */
export function exposedPorts(stages: Stage[]): string[] {
  const ports: string[] = [];
  for (const stage of stages) {
    for (const instruction of stage.instructions) {
      if (instruction.keyword !== 'EXPOSE' || instruction.onbuild) continue;
      for (const argument of instruction.args) {
        const match = /^(\d+)(?:-\d+)?(?:\/tcp)?$/i.exec(argument.value);
        if (match) ports.push(match[1]);
      }
    }
  }
  return ports;
}
