/** Name lists for the synthetic county. Given names carry their common nicknames, so records can
 *  say "Bill" where another says "William" (as real agency records do). */
export const GIVEN_NAMES_F: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['Sophia', ['Sophie']], ['Isabella', ['Bella', 'Izzy']], ['Olivia', ['Liv']], ['Emma', []], ['Ava', []], ['Mia', []],
  ['Camila', ['Cami']], ['Valentina', ['Vale']], ['Jasmine', ['Jas']], ['Aaliyah', []], ['Destiny', []], ['Maria', []],
  ['Guadalupe', ['Lupe']], ['Elizabeth', ['Liz', 'Beth', 'Lizzie']], ['Katherine', ['Kate', 'Katie', 'Kathy']],
  ['Jennifer', ['Jen', 'Jenny']], ['Alexandra', ['Alex', 'Lexi']], ['Victoria', ['Vicky', 'Tori']], ['Abigail', ['Abby']],
  ['Samantha', ['Sam', 'Sammy']], ['Madison', ['Maddie']], ['Natalie', ['Nat']], ['Gabriela', ['Gabby']],
  ['Ximena', []], ['Leilani', []], ['Mai', []], ['Linh', []], ['Priya', []], ['Fatima', []], ['Nevaeh', []],
  ['Kimberly', ['Kim']], ['Margaret', ['Maggie', 'Peggy']], ['Rebecca', ['Becky']], ['Daniela', ['Dani']],
  ['Brianna', ['Bri']], ['Jocelyn', []], ['Trinity', []], ['Zoe', []], ['Aiyana', []], ['Hannah', []],
];
export const GIVEN_NAMES_M: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['William', ['Will', 'Bill', 'Billy']], ['Robert', ['Rob', 'Bob', 'Bobby']], ['Michael', ['Mike', 'Mikey']],
  ['Christopher', ['Chris']], ['Anthony', ['Tony']], ['Joseph', ['Joe', 'Joey']], ['Daniel', ['Dan', 'Danny']],
  ['Alexander', ['Alex', 'Xander']], ['Benjamin', ['Ben', 'Benny']], ['Jonathan', ['Jon', 'Johnny']],
  ['Nicholas', ['Nick', 'Nicky']], ['Matthew', ['Matt']], ['Jacob', ['Jake']], ['Joshua', ['Josh']],
  ['Francisco', ['Paco', 'Frank']], ['Jose', ['Pepe']], ['Alejandro', ['Alex', 'Alejo']], ['Santiago', ['Santi']],
  ['Mateo', []], ['Diego', []], ['Luis', []], ['Carlos', []], ['Jayden', []], ['DeShawn', []], ['Malik', []],
  ['Jamal', []], ['Tyrone', ['Ty']], ['Darnell', []], ['Minh', []], ['Duc', []], ['Arjun', []], ['Omar', []],
  ['Elijah', ['Eli']], ['Isaiah', []], ['Gabriel', ['Gabe']], ['Samuel', ['Sam', 'Sammy']], ['Thomas', ['Tom', 'Tommy']],
  ['James', ['Jim', 'Jimmy', 'Jamie']], ['Richard', ['Rick', 'Ricky', 'Dick']], ['Kai', []],
];
export const FAMILY_NAMES = [
  'Garcia', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Perez', 'Sanchez', 'Ramirez', 'Torres',
  'Flores', 'Rivera', 'Gomez', 'Diaz', 'Reyes', 'Morales', 'Cruz', 'Ortiz', 'Gutierrez', 'Chavez', 'Ramos', 'Ruiz',
  'Mendoza', 'Alvarez', 'Castillo', 'Jimenez', 'Vasquez', 'Romero', 'Herrera', 'Medina', 'Aguilar', 'Vargas',
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas',
  'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker',
  'Young', 'Allen', 'King', 'Wright', 'Scott', 'Green', 'Baker', 'Adams', 'Nelson', 'Hill', 'Campbell', 'Mitchell',
  'Carter', 'Roberts', 'Washington', 'Jefferson', 'Freeman', 'Banks', 'Coleman', 'Simmons', 'Nguyen', 'Tran', 'Pham',
  'Le', 'Kim', 'Park', 'Chen', 'Wang', 'Li', 'Patel', 'Singh', 'Khan', 'Yazzie', 'Begay', 'Tsosie', 'Redhorse',
  "O'Brien", 'McCarthy', 'Sullivan', 'Murphy', 'Kowalski', 'Novak', 'Schmidt', 'Muller', 'Rossi', 'Esposito',
  'Okafor', 'Mensah', 'Haile', 'Tesfaye', 'Abdi', 'Hassan', 'Ali', 'Santos', 'Silva', 'Souza', 'Fernandes',
];
export const STREETS = ['Oak', 'Maple', 'Cedar', 'Elm', 'Pine', 'Walnut', 'Willow', 'Mission', 'Main', 'Lincoln', 'Jefferson', 'Madison', 'Cherry', 'Sunset', 'Valley', 'Hillcrest', 'Park', 'Lake', 'River', 'Church'];
export const STREET_TYPES = ['St', 'Ave', 'Blvd', 'Rd', 'Ct', 'Way', 'Ln', 'Dr'];

/** The county's 22 localities (after the Oxfordshire locality teams) with a postal code each. */
export const LOCALITIES: ReadonlyArray<readonly [string, string]> = [
  ['Banbury North', '95201'], ['Banbury Central', '95202'], ['Bicester', '95203'], ['Kidlington', '95204'],
  ['Chipping Norton', '95205'], ['Carterton', '95206'], ['Witney', '95207'], ['Woodstock', '95208'],
  ['Headington', '95209'], ['Isis', '95210'], ['North Oxford', '95211'], ['Oxford South East', '95212'],
  ['Faringdon', '95213'], ['Wantage', '95214'], ['Abingdon', '95215'], ['Cumnor', '95216'], ['Didcot', '95217'],
  ['Thame', '95218'], ['Wallingford', '95219'], ['Watlington', '95220'], ['Wheatley', '95221'], ['Henley', '95222'],
];
