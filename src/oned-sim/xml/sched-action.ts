// Scheduled actions (shared.xsd SCHED_ACTION): ID, PARENT_ID, TYPE, ACTION, ARGS, TIME, REPEAT,
// DAYS, END_TYPE, END_VALUE, DONE, MESSAGE, WARNING, in that order; text fields in CDATA.
import type { SchedActionRec } from '../records.js';
import { cel } from './text.js';

export function schedActionXml(a: SchedActionRec): string {
  return (
    `<SCHED_ACTION><ID>${a.id}</ID><PARENT_ID>${a.parentId}</PARENT_ID>${cel('TYPE', a.type)}` +
    `${cel('ACTION', a.action)}${cel('ARGS', a.args)}${cel('TIME', a.time)}<REPEAT>${a.repeat}</REPEAT>` +
    `${cel('DAYS', a.days)}<END_TYPE>${a.endType}</END_TYPE><END_VALUE>${a.endValue}</END_VALUE>` +
    `<DONE>${a.done}</DONE>${cel('MESSAGE', a.message)}<WARNING>${a.warning}</WARNING></SCHED_ACTION>`
  );
}
