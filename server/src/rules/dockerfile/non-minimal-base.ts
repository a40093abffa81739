import { dockerfileRule } from '../../dockerfile/rule';
import { externalImages, retagEdit } from '../../dockerfile/image-helpers';
import { isMinimalTag, officialImageName, slimVariant } from '../../dockerfile/eol-data';
import { stageAncestry } from '../../dockerfile/model';
import type { ImageReference } from '../../engine/image';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';
import type { Fix } from '../../engine/types';

/** Full images without a slim variant, and what to use in the final stage instead. */
const TOOLCHAIN_IMAGES: Record<string, string> = {
  golang: 'build in a `golang` stage and copy the binary into `gcr.io/distroless/static`, `scratch` or `alpine`',
  'buildpack-deps': 'use `debian:<release>-slim` (or the slim variant of your runtime) and install only what the application needs',
  maven: 'build in a `maven` stage and run the jar on `eclipse-temurin:<version>-jre`',
  gradle: 'build in a `gradle` stage and run the jar on `eclipse-temurin:<version>-jre`',
};

function isDotnetSdk(ref: ImageReference): boolean {
  return ref.effectiveRegistry.toLowerCase() === 'mcr.microsoft.com' && /^dotnet\/(?:core\/)?sdk$/i.test(ref.repository);
}

/** `17` → `17-jre`, `17-jdk-jammy` → `17-jre-jammy`. */
function temurinJre(tag: string): string | undefined {
  const parts = tag.toLowerCase().split('-');
  if (!/^\d/.test(parts[0])) return undefined;
  const jdk = parts.indexOf('jdk');
  if (jdk > 0) parts[jdk] = 'jre';
  else parts.splice(1, 0, 'jre');
  return parts.join('-');
}

export default dockerfileRule({
  id: 'dockerfile/non-minimal-base',
  title: 'Final image on a full base image',
  defaultSeverity: 'info',
  fix: 'M',
  checklist: ['D1.1'],
  anchors: {},
  docs: {
    why:
      'Full runtime images (`python:3.13`, `node:22`, `debian:bookworm`) carry compilers, headers, version control tools and hundreds of libraries that the application never uses at run time. Each is attack surface and a vulnerability to patch: a full `python` image has several times the packages of `python:3.13-slim`. Toolchain images (`golang`, `maven`, .NET `sdk`) in the final stage ship the whole build environment. Only the final stage is judged: build stages may use full images.',
    how:
      'Use the `-slim` variant of the same image (the quick fix switches to it; if a build step then misses a package, install it explicitly or move that step to a build stage), an `alpine` or distroless image, or build in one stage and copy the result into a minimal runtime image.',
    bad: 'FROM python:3.13\nCOPY . /app\nCMD ["python", "/app/main.py"]',
    good: 'FROM python:3.13-slim\nCOPY . /app\nCMD ["python", "/app/main.py"]',
    references: [
      checklistReference('D1.1'),
      CIS_DOCKER('4.3', 'Ensure that unnecessary packages are not installed in the container'),
      NIST_800_190('4.1.1', 'Image vulnerabilities'),
    ],
  },
  check(model, ctx) {
    const final = model.finalStage;
    if (!final) return;
    const chain = stageAncestry(final);
    const rootStage = chain[chain.length - 1];
    const use = externalImages(model).find((candidate) => candidate.source === 'from' && candidate.stage === rootStage);
    if (!use) return;
    const { ref } = use;
    if (isMinimalTag(ref.tag)) return;
    const shown = ref.raw;
    const slim = slimVariant(ref);
    if (slim) {
      const fixes: Fix[] = [];
      const edit = ref.digest === undefined ? retagEdit(model, use, slim) : undefined;
      const name = ref.raw.slice(0, ref.raw.length - (ref.tag !== undefined ? ref.tag.length + 1 : 0) - (ref.digest !== undefined ? ref.digest.length + 1 : 0));
      if (edit) fixes.push({ title: `Use the slim variant \`${name}:${slim}\``, mechanical: true, edits: [edit] });
      ctx.report({
        range: use.range,
        message: `The final image is built on the full \`${shown}\` image; \`${name}:${slim}\` has the same runtime with far fewer packages to patch.`,
        fixes,
      });
      return;
    }
    const official = officialImageName(ref);
    if (official === 'eclipse-temurin') {
      const tag = ref.tag ?? '';
      if (/(?:^|-)jre(?:-|$)/i.test(tag) || tag === '' || tag === 'latest') return;
      const jre = temurinJre(tag);
      const fixes: Fix[] = [];
      const edit = jre && ref.digest === undefined ? retagEdit(model, use, jre) : undefined;
      if (edit && jre) fixes.push({ title: `Use the JRE variant \`eclipse-temurin:${jre}\``, mechanical: false, edits: [edit] });
      ctx.report({ range: use.range, message: `The final image runs on a full JDK (\`${shown}\`); a JRE image is enough to run a Java application.`, fixes });
      return;
    }
    if (isDotnetSdk(ref)) {
      const fixes: Fix[] = [];
      const version = ref.tag && /^\d+\.\d+$/.test(ref.tag) && ref.digest === undefined ? ref.tag : undefined;
      if (version) {
        for (const runtime of ['aspnet', 'runtime']) {
          const edit = retagEdit(model, use, version, ref.repository.replace(/(?:core\/)?sdk$/i, runtime));
          if (edit) fixes.push({ title: `Use \`mcr.microsoft.com/dotnet/${runtime}:${version}\``, mechanical: false, edits: [edit] });
        }
      }
      ctx.report({ range: use.range, message: `The final image is the .NET SDK (\`${shown}\`): publish in an SDK stage and run on \`dotnet/aspnet\` or \`dotnet/runtime\`.`, fixes });
      return;
    }
    const advice = official ? TOOLCHAIN_IMAGES[official] : undefined;
    if (advice) ctx.report({ range: use.range, message: `The final image is the full \`${shown}\` toolchain image: ${advice}.` });
  },
});
