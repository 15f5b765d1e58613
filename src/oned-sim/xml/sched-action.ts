// Scheduled actions (shared.xsd SCHED_ACTION): ID, PARENT_ID, TYPE, ACTION, ARGS, TIME, REPEAT,
// DAYS, END_TYPE, END_VALUE, DONE, MESSAGE, WARNING, in that order, as plain element text (the
// scheduled-action pool writes its own fields, not a template: reference/golden xml2json 13).
import type { SchedActionRec } from '../records.js';
import { el } from './text.js';

export function schedActionXml(a: SchedActionRec): string {
  return (
    `<SCHED_ACTION><ID>${a.id}</ID><PARENT_ID>${a.parentId}</PARENT_ID>${el('TYPE', a.type)}` +
    `${el('ACTION', a.action)}${el('ARGS', a.args)}${el('TIME', a.time)}<REPEAT>${a.repeat}</REPEAT>` +
    `${el('DAYS', a.days)}<END_TYPE>${a.endType}</END_TYPE><END_VALUE>${a.endValue}</END_VALUE>` +
    `<DONE>${a.done}</DONE>${el('MESSAGE', a.message)}<WARNING>${a.warning}</WARNING></SCHED_ACTION>`
  );
}
