/** Names twins are often given: the two share an initial or sound alike (Jayden/Jaylen,
 *  Aiden/Ava), some of different sex. Each is `[givenName, sex, nicknames]`. No pair shares a
 *  nickname (Samuel/Samantha would both be "Sam": no record could tell those twins apart). */
export const TWIN_NAME_PAIRS: ReadonlyArray<
  readonly [readonly [string, 'F' | 'M', readonly string[]], readonly [string, 'F' | 'M', readonly string[]]]
> = [
  [
    ['Jayden', 'M', []],
    ['Jaylen', 'M', []],
  ],
  [
    ['Aiden', 'M', []],
    ['Ava', 'F', []],
  ],
  [
    ['Mateo', 'M', []],
    ['Mia', 'F', []],
  ],
  [
    ['Daniel', 'M', ['Dan', 'Danny']],
    ['Daniela', 'F', ['Dani']],
  ],
  [
    ['Gabriel', 'M', ['Gabe']],
    ['Gabriela', 'F', ['Gabby']],
  ],
  [
    ['Isaiah', 'M', []],
    ['Isabella', 'F', ['Bella', 'Izzy']],
  ],
  [
    ['Madison', 'F', ['Maddie']],
    ['Mason', 'M', []],
  ],
  [
    ['Emma', 'F', []],
    ['Ella', 'F', []],
  ],
  [
    ['Kayla', 'F', []],
    ['Kaylee', 'F', []],
  ],
  [
    ['Brianna', 'F', ['Bri']],
    ['Brandon', 'M', []],
  ],
  [
    ['Natalie', 'F', ['Nat']],
    ['Nathan', 'M', ['Nate']],
  ],
  [
    ['Olivia', 'F', ['Liv']],
    ['Oliver', 'M', ['Ollie']],
  ],
  [
    ['Jasmine', 'F', ['Jas']],
    ['Jade', 'F', []],
  ],
  [
    ['Malik', 'M', []],
    ['Malia', 'F', []],
  ],
  [
    ['Carlos', 'M', []],
    ['Carla', 'F', []],
  ],
  [
    ['Luis', 'M', []],
    ['Luisa', 'F', []],
  ],
  [
    ['Minh', 'M', []],
    ['Mai', 'F', []],
  ],
  [
    ['Jamal', 'M', []],
    ['Jamila', 'F', []],
  ],
  [
    ['Destiny', 'F', []],
    ['Desiree', 'F', []],
  ],
  [
    ['Tyler', 'M', ['Ty']],
    ['Taylor', 'F', []],
  ],
  [
    ['Liam', 'M', []],
    ['Lily', 'F', []],
  ],
  [
    ['Elijah', 'M', ['Eli']],
    ['Eliana', 'F', []],
  ],
  [
    ['Jacob', 'M', ['Jake']],
    ['Joshua', 'M', ['Josh']],
  ],
  [
    ['Diego', 'M', []],
    ['Dario', 'M', []],
  ],
];
