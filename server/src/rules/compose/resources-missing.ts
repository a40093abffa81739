import { composeRule, COMPOSE_REFERENCE } from '../../compose/rule';
import { getSetting, isWindowsService, nestedSetting, scalarText, serviceKeyRange, settingValueRange, type ComposeService, type Setting } from '../../compose/model';
import { insertServiceSettings, setScalarEdits } from '../../compose/edit';
import { ensurePath } from '../../engine/yaml-edit';
import { isMap, isScalar, type Scalar } from 'yaml';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';
import type { Fix, TextEdit } from '../../engine/types';

function settingAt(service: ComposeService, ...path: string[]): Setting | undefined {
  return path.length === 1 ? getSetting(service, path[0]) : nestedSetting(service, ...path);
}

function hasValue(service: ComposeService, ...path: string[]): boolean {
  const text = scalarText(settingAt(service, ...path)?.value);
  return text !== undefined && text.trim() !== '' && text.trim() !== '0' && text.trim() !== '-1';
}

/** The setting when it is written with an unlimited value (`0`, `-1`), in this service's own map. */
function unlimitedSetting(service: ComposeService, ...path: string[]): Setting | undefined {
  const setting = settingAt(service, ...path);
  if (!setting || setting.origin === 'extends' || !isScalar(setting.value)) return undefined;
  const text = scalarText(setting.value)?.trim();
  return text === '0' || text === '-1' ? setting : undefined;
}

export default composeRule({
  id: 'compose/resources-missing',
  title: 'No memory or PID limit',
  defaultSeverity: 'info',
  fix: 'S',
  checklist: ['O4.4'],
  anchors: { kics: ['Memory Not Limited', 'Pids Limit Not Set'] },
  docs: {
    why: 'Without a memory limit one leaking or attacked service can use all the host\'s memory until the kernel kills other processes — possibly the database or the Docker daemon. Without a PID limit a fork bomb in one container exhausts the host\'s process table. Limits keep one service\'s failure from becoming everyone\'s outage.',
    how: 'Set a memory limit (`mem_limit: 512m`, or `deploy.resources.limits.memory: 512M`) sized from the service\'s observed use, and a PID limit (`pids_limit: 200`, or `deploy.resources.limits.pids`).',
    bad: 'services:\n  app:\n    image: node:22-alpine',
    good: 'services:\n  app:\n    image: node:22-alpine\n    mem_limit: 512m\n    pids_limit: 200',
    references: [checklistReference('O4.4'), CIS_DOCKER('5.10', 'Ensure that the memory usage for containers is limited'), CIS_DOCKER('5.28', 'Ensure that the PIDs cgroup limit is used'), NIST_800_190('4.4.3', 'Insecure container runtime configurations'), COMPOSE_REFERENCE('mem_limit'), COMPOSE_REFERENCE('pids_limit')],
  },
  check(model, ctx) {
    for (const service of model.services) {
      if (service.partial) continue;
      const memory = hasValue(service, 'mem_limit') || hasValue(service, 'deploy', 'resources', 'limits', 'memory');
      // Windows containers have no PID limit: only memory is asked of them.
      const pids = isWindowsService(service) || hasValue(service, 'pids_limit') || hasValue(service, 'deploy', 'resources', 'limits', 'pids');
      if (memory && pids) continue;
      const missing = [!memory ? 'memory limit' : '', !pids ? 'PID limit' : ''].filter(Boolean).join(' and no ');
      // A limit written as unlimited (`pids_limit: -1`, `mem_limit: 0`): set its value rather than add a second key.
      const writtenMemory = !memory ? unlimitedSetting(service, 'mem_limit') ?? unlimitedSetting(service, 'deploy', 'resources', 'limits', 'memory') : undefined;
      const writtenPids = !pids ? unlimitedSetting(service, 'pids_limit') ?? unlimitedSetting(service, 'deploy', 'resources', 'limits', 'pids') : undefined;
      const fixes: Fix[] = [];
      const deploy = getSetting(service, 'deploy');
      const edits: TextEdit[] = [];
      if (writtenMemory) edits.push(...setScalarEdits(model, writtenMemory.value as Scalar, writtenMemory.key === 'mem_limit' ? '512m' : '512M'));
      if (writtenPids) edits.push(...setScalarEdits(model, writtenPids.value as Scalar, 200));
      const addMemory = !memory && !writtenMemory;
      const addPids = !pids && !writtenPids;
      if (!addMemory && !addPids) {
        fixes.push({ title: 'Set the unlimited value to a limit (memory 512M, pids 200; adjust to the service)', mechanical: false, edits });
      } else if (deploy && isMap(deploy.value) && nestedSetting(service, 'deploy', 'resources') && deploy.origin === 'own') {
        // The service already describes resources under `deploy`: complete them there.
        const limits: Array<{ key: string; value: string | number }> = [];
        if (addMemory) limits.push({ key: 'memory', value: '512M' });
        if (addPids) limits.push({ key: 'pids', value: 200 });
        const added = ensurePath(model.source, deploy.value, ['resources', 'limits'], limits);
        if (added.length > 0) fixes.push({ title: 'Add `deploy.resources.limits` (memory 512M, pids 200; adjust to the service)', mechanical: false, edits: [...edits, ...added] });
      } else {
        const entries: Array<{ key: string; value: string | number }> = [];
        if (addMemory) entries.push({ key: 'mem_limit', value: '512m' });
        if (addPids) entries.push({ key: 'pids_limit', value: 200 });
        fixes.push({ title: `Add ${entries.map((e) => `\`${e.key}: ${e.value}\``).join(' and ')} (adjust to the service)`, mechanical: false, edits: [...edits, ...insertServiceSettings(model, service, entries)] });
      }
      // One missing limit written as unlimited: the finding sits on that value.
      const only = memory ? writtenPids : pids ? writtenMemory : undefined;
      const range = only ? settingValueRange(model, only) : serviceKeyRange(model, service);
      ctx.report({ range, message: `Service "${service.name}" has no ${missing}: one runaway container can exhaust the host.`, fixes });
    }
  },
});
