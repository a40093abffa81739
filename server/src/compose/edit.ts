// Compose-specific edits built on the shared YAML edits (indentation, comments and flow style kept).

import { isSeq, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { TextEdit } from '../engine/types';
import { comparePositions } from '../engine/source';
import { appendSeqItem, insertMapEntries, removePair, removeSeqItem, setScalar, type MapEntryInput, type YamlValue } from '../engine/yaml-edit';
import type { ComposeModel, ComposeService, Setting } from './model';

/** Removes a setting (key and value block) from the map it is written in. */
export function removeSettingEdits(model: ComposeModel, setting: Setting): TextEdit[] {
  return removePair(model.source, setting.owner, setting.key);
}

/** Removes one item of a setting's sequence; the whole setting when it was the only item. */
export function removeSequenceItemEdits(model: ComposeModel, setting: Setting, seq: YAMLSeq, index: number): TextEdit[] {
  if (seq === setting.value && seq.items.length === 1) return removeSettingEdits(model, setting);
  return removeSeqItem(model.source, seq, index);
}

/** Adds settings at the end of a service's own map. */
export function insertServiceSettings(model: ComposeModel, service: ComposeService, entries: MapEntryInput[]): TextEdit[] {
  return insertMapEntries(model.source, service.map, entries);
}

export function insertMapSettings(model: ComposeModel, map: YAMLMap, entries: MapEntryInput[]): TextEdit[] {
  return insertMapEntries(model.source, map, entries);
}

/**
 * Adds an item to a setting that holds a sequence (`security_opt`, `cap_drop`): appended to the
 * sequence where it is written, or, when the setting is not a sequence, nothing.
 */
export function appendToSetting(model: ComposeModel, setting: Setting, value: YamlValue): TextEdit[] {
  if (!isSeq(setting.value)) return [];
  return appendSeqItem(model.source, setting.value, value);
}

export function setScalarEdits(model: ComposeModel, node: Scalar, value: YamlValue): TextEdit[] {
  return [setScalar(model.source, node, value)];
}

/**
 * Joins insertions at the same position into one edit, in the order given, so every consumer
 * applies them in that order (editors and `applyEdits` differ on equal positions).
 */
export function joinInsertions(edits: TextEdit[]): TextEdit[] {
  const result: TextEdit[] = [];
  for (const edit of edits) {
    const empty = comparePositions(edit.range.start, edit.range.end) === 0;
    const same = empty ? result.find((other) => comparePositions(other.range.start, other.range.end) === 0 && comparePositions(other.range.start, edit.range.start) === 0) : undefined;
    if (same) same.newText += edit.newText;
    else result.push({ range: edit.range, newText: edit.newText });
  }
  return result;
}
