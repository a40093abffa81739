import { dockerfileRule } from '../../dockerfile/rule';
import { externalImages, retagEdit } from '../../dockerfile/image-helpers';
import { eolInfo } from '../../dockerfile/eol-data';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';
import type { Fix } from '../../engine/types';

let clock: () => Date = () => new Date();

/** Sets the date the rule compares end-of-life dates with (tests); no argument restores the real clock. */
export function setEolClock(now?: () => Date): void {
  clock = now ?? (() => new Date());
}

export default dockerfileRule({
  id: 'dockerfile/eol-base-image',
  title: 'Base image past its end of life',
  defaultSeverity: 'warning',
  fix: 'S',
  checklist: ['D1.2', 'D6.2'],
  anchors: {},
  docs: {
    why:
      'Once a distribution or runtime release reaches its end of life, its maintainers stop publishing security fixes: every vulnerability found afterwards stays open in your image for good, rebuilding does not help, and scanners report a growing list nobody can patch. Lashing knows the end-of-life dates of the common distributions (Debian, Ubuntu, Alpine, CentOS, Fedora, Amazon Linux) and runtimes (Python, Node.js, Go, PHP, Ruby, Java) from a table shipped with the extension, and reads the release from tags such as `python:3.8-slim-buster`, `node:16-alpine3.15` or `debian:stretch`. Deprecated images (`openjdk`, `adoptopenjdk`, `centos`) are reported too. Build stages count as well: an end-of-life toolchain compiles its unpatched bugs (Go\'s standard library, for one) into the binaries you ship.',
    how:
      'Move to a supported release: the quick fix offers the newest supported tag of the same image, keeping its variant (`-slim`, `-alpine`, `-jre`) and dropping a distribution pin that is itself past its end of life. Test the upgrade — major runtime versions change behaviour — and rebuild regularly so the image picks up patches.',
    bad: 'FROM python:3.8-slim-buster',
    good: 'FROM python:3.13-slim-bookworm',
    references: [
      checklistReference('D1.2'),
      checklistReference('D6.2'),
      CIS_DOCKER('4.4', 'Ensure images are scanned and rebuilt to include security patches'),
      NIST_800_190('4.1.1', 'Image vulnerabilities'),
      { title: 'endoflife.date — end-of-life dates of software releases', url: 'https://endoflife.date/' },
    ],
  },
  check(model, ctx) {
    const today = clock();
    for (const use of externalImages(model)) {
      if (use.source !== 'from') continue;
      const info = eolInfo(use.ref, today);
      if (!info) continue;
      const what = info.parts.map((part) => `${part.release} (end of life ${part.eolDate})`).join(' and ');
      const fixes: Fix[] = [];
      let advice = info.advice ? ` ${info.advice}` : '';
      if (info.successorTag) {
        const repository = info.successorRepository ?? use.ref.repository;
        const shown = `${repository.replace(/^(?:library|docker\/library)\//, '')}:${info.successorTag}`;
        advice = ` Move to a supported release, e.g. \`${shown}\`.`;
        const edit = retagEdit(model, use, info.successorTag, info.successorRepository);
        if (edit) {
          const digestNote = use.ref.digest !== undefined ? ' (drops the old digest: pin the new one)' : '';
          fixes.push({ title: `Use \`${shown}\`${digestNote}`, mechanical: false, edits: [edit] });
        } else {
          advice += ' The image is built from `ARG`s: change their defaults.';
        }
      }
      ctx.report({ range: use.range, message: `\`${use.ref.raw}\` is past its end of life: ${what} — no more security fixes.${advice}`, fixes });
    }
  },
});
