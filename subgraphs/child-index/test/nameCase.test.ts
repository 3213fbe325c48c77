import { goldenName, presentName } from '../src/services/nameCase';

describe('golden record names', () => {
  it.each([
    ['JAMAL', 'Jamal'],
    ['jamal', 'Jamal'],
    ["o'brien", "O'Brien"],
    ["O'BRIEN", "O'Brien"],
    ['O’NEIL', 'O’Neil'],
    ['MARY-KATE', 'Mary-Kate'],
    ['de la cruz', 'De La Cruz'],
    ['st. john', 'St. John'],
    ['MCDONALD', 'Mcdonald'],
    ['ÉLODIE', 'Élodie'],
    ['McDonald', 'McDonald'],
    ['DeShawn', 'DeShawn'],
    ['de la Cruz', 'de la Cruz'],
  ])('%s is shown as %s', (typed, shown) => {
    expect(presentName(typed)).toBe(shown);
  });

  it('spellings differing only in case vote together; a mixed-case spelling is shown as typed', () => {
    // two votes for jamal (in two cases) outweigh one Jamie
    expect(goldenName(['JAMAL', 'jamal', 'Jamie'])).toBe('Jamal');
    expect(goldenName(['MCDONALD', 'McDonald', 'mcdonald'])).toBe('McDonald');
    expect(goldenName(['DESHAWN', 'DeShawn', 'Deshawn', 'Deshawn'])).toBe('Deshawn');
    // a tie goes to the first name in code-point order of its small letters, whatever the case
    expect(goldenName(['ZOE', 'ana'])).toBe('Ana');
    expect(goldenName([null, '', null])).toBeNull();
  });
});
