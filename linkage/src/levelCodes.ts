/**
 * The level codes the family rules read (positions in FIELD_LEVELS), named once. Internal to the
 * package: not re-exported by index.ts.
 */
import { DATE_LEVELS } from './comparators';
import { FAMILY_LEVELS, NAME_LEVELS } from './record';

export const NAME_ELSE = NAME_LEVELS.length - 1;
export const NAME_INITIAL = NAME_LEVELS.indexOf('initial');
export const NAME_PHONETIC = NAME_LEVELS.indexOf('phonetic');
export const MIDDLE_ELSE = 2;
export const NAME_JW88 = NAME_LEVELS.indexOf('jw88');
export const FAMILY_ELSE = FAMILY_LEVELS.length - 1;
export const ADDRESS_ELSE = 3;
export const CITY_ELSE = 3;
export const DOB_ELSE = DATE_LEVELS.length - 1;
export const FAMILY_PART = FAMILY_LEVELS.indexOf('part');
export const ADDRESS_CLOSE = 1; // jw92
