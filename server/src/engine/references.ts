// Shared documentation references, so rule docs cite the same sources the same way.

import checklist from '../checklist/checklist.json';
import type { Reference } from './types';

const itemText = new Map<string, string>();
for (const list of checklist.lists) {
  for (const section of list.sections) {
    for (const item of section.items) itemText.set(item.id, `${list.title} › ${section.title}: ${item.text}`);
  }
}

/** The practice guide's checklist item, e.g. `D2.1`. */
export function checklistReference(id: string): Reference {
  const text = itemText.get(id);
  if (!text) throw new Error(`Unknown checklist item ${id}`);
  return { title: `Checklist ${id} — ${text}` };
}

export function checklistItemText(id: string): string | undefined {
  return itemText.get(id);
}

export const CIS_DOCKER = (section: string, title: string): Reference => ({ title: `CIS Docker Benchmark ${section}: ${title}`, url: 'https://www.cisecurity.org/benchmark/docker' });
export const NIST_800_190 = (section: string, title: string): Reference => ({ title: `NIST SP 800-190 §${section}: ${title}`, url: 'https://csrc.nist.gov/pubs/sp/800/190/final' });
export const PSS = (control: string): Reference => ({ title: `Pod Security Standards: ${control}`, url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' });
export const DOCKERFILE_REFERENCE = (anchor: string): Reference => ({ title: `Dockerfile reference: ${anchor}`, url: `https://docs.docker.com/reference/dockerfile/#${anchor.toLowerCase()}` });
