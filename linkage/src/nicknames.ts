/**
 * Given-name equivalence classes (English and Spanish nicknames / diminutives). Each row is one
 * class; a name may sit in several classes ("al" is Albert, Alan and Alfred). Two given names are
 * nickname-equivalent when they share at least one class. Names are stored normalised
 * (lower case, letters only, as normalizeName produces).
 */
const GROUPS: string[][] = [
  ['william', 'bill', 'will', 'billy', 'willy', 'willie', 'liam', 'wil'],
  ['robert', 'bob', 'rob', 'bobby', 'robbie', 'robby', 'bert', 'roberto', 'beto'],
  [
    'elizabeth',
    'liz',
    'beth',
    'lizzie',
    'lizzy',
    'eliza',
    'betty',
    'betsy',
    'libby',
    'elisabeth',
    'isabel',
    'isabella',
    'bella',
    'elise',
    'lisa',
    'liza',
    'ellie',
  ],
  ['jose', 'pepe', 'pepito', 'chepe', 'joseph', 'joe', 'joey', 'jo', 'joes'],
  ['francisco', 'paco', 'pancho', 'frank', 'frankie', 'francis', 'fran', 'cisco', 'kiko'],
  ['guadalupe', 'lupe', 'lupita', 'pita'],
  [
    'margaret',
    'maggie',
    'meg',
    'peggy',
    'marge',
    'margie',
    'greta',
    'madge',
    'daisy',
    'megan',
    'margarita',
    'rita',
    'marga',
  ],
  [
    'katherine',
    'catherine',
    'kathryn',
    'kate',
    'katie',
    'kathy',
    'cathy',
    'kat',
    'kit',
    'kitty',
    'katy',
    'catalina',
    'cata',
    'caitlin',
    'kaitlyn',
  ],
  ['richard', 'rick', 'ricky', 'dick', 'rich', 'richie', 'ricardo', 'ricky'],
  ['james', 'jim', 'jimmy', 'jamie', 'jimmie', 'diego', 'santiago', 'jaime', 'jay'],
  ['john', 'jack', 'johnny', 'jon', 'jonny', 'juan', 'juanito', 'johnnie'],
  ['michael', 'mike', 'mikey', 'mick', 'mickey', 'micky', 'miguel', 'mitch'],
  ['thomas', 'tom', 'tommy', 'thom', 'tomas', 'tomy'],
  ['charles', 'charlie', 'chuck', 'chas', 'chaz', 'carlos', 'carl', 'charley'],
  ['christopher', 'chris', 'kit', 'topher', 'cristobal', 'christy'],
  ['daniel', 'dan', 'danny', 'dani'],
  ['matthew', 'matt', 'matty', 'mateo', 'matias', 'mat'],
  ['anthony', 'tony', 'antonio', 'toni', 'anton', 'ant'],
  ['andrew', 'andy', 'drew', 'andres', 'andre'],
  ['edward', 'ed', 'eddie', 'eddy', 'ted', 'teddy', 'ned', 'eduardo', 'lalo'],
  ['edmund', 'ed', 'eddie', 'ned', 'ted'],
  [
    'alexander',
    'alex',
    'al',
    'sandy',
    'xander',
    'alejandro',
    'alexis',
    'sasha',
    'alec',
    'alasdair',
    'alistair',
  ],
  ['alexandra', 'alex', 'sandra', 'sandy', 'sasha', 'lexi', 'alejandra', 'ali', 'alexa'],
  ['alejandro', 'alejo', 'ale', 'jandro'],
  ['tyrone', 'ty'],
  ['amelia', 'amy', 'millie', 'emilia'],
  ['evelyn', 'evie', 'eve', 'lynn'],
  ['penelope', 'penny', 'nell'],
  ['adeline', 'addie', 'addy', 'ada', 'adelina'],
  ['nicole', 'nikki', 'nicki', 'nic', 'colie'],
  ['isaac', 'ike', 'zac'],
  ['ricardo', 'rico', 'ricky', 'richie', 'cardo'],
  ['tyler', 'ty'],
  ['benjamin', 'ben', 'benny', 'benji', 'benjamen'],
  ['samuel', 'sam', 'sammy'],
  ['samantha', 'sam', 'sammy', 'sammie'],
  ['joshua', 'josh'],
  ['nicholas', 'nick', 'nicky', 'nico', 'nicolas', 'colin'],
  ['jonathan', 'jon', 'jonny', 'nathan', 'johnathan'],
  ['nathaniel', 'nathan', 'nate', 'nat'],
  ['zachary', 'zach', 'zack', 'zac'],
  ['timothy', 'tim', 'timmy'],
  ['stephen', 'steven', 'steve', 'stevie', 'esteban', 'stephan'],
  ['patrick', 'pat', 'paddy', 'patricio', 'patty'],
  ['patricia', 'pat', 'patty', 'patsy', 'tricia', 'trish', 'paty'],
  ['jennifer', 'jen', 'jenny', 'jenn', 'jenna'],
  ['jessica', 'jess', 'jessie'],
  ['rebecca', 'becky', 'becca', 'beck', 'reba'],
  ['susan', 'sue', 'susie', 'suzy', 'susana', 'suzanne', 'susanna'],
  ['deborah', 'debra', 'deb', 'debbie', 'debby'],
  ['victoria', 'vicky', 'vicki', 'tori', 'vic', 'toria'],
  ['abigail', 'abby', 'abbie', 'gail'],
  ['alison', 'allison', 'ali', 'ally', 'allie'],
  ['amanda', 'mandy', 'manda'],
  [
    'christine',
    'christina',
    'chris',
    'chrissy',
    'tina',
    'cristina',
    'kristina',
    'kristen',
    'kirsten',
    'kristy',
  ],
  ['dorothy', 'dot', 'dottie', 'dolly', 'dora'],
  ['eleanor', 'ellie', 'nell', 'nellie', 'elly', 'leonor', 'nora', 'elena', 'helen', 'ellen'],
  ['frances', 'fran', 'frannie', 'francesca', 'francisca', 'paca', 'panchita'],
  ['jacqueline', 'jackie', 'jacqui'],
  ['josephine', 'jo', 'josie', 'josefina', 'pepa', 'fina'],
  ['kimberley', 'kimberly', 'kim', 'kimmy'],
  ['lawrence', 'laurence', 'larry', 'laurie', 'lorenzo', 'enzo'],
  ['leonard', 'leo', 'len', 'lenny', 'leon', 'leonardo'],
  ['mary', 'maria', 'mari', 'molly', 'polly', 'mae', 'mamie', 'marie', 'maruca', 'mariah'],
  ['henry', 'hank', 'harry', 'hal', 'enrique', 'quique', 'henri'],
  ['harold', 'harry', 'hal'],
  ['peter', 'pete', 'pedro', 'perico'],
  ['raymond', 'ray', 'ramon', 'moncho'],
  ['ronald', 'ron', 'ronnie', 'ronny'],
  ['donald', 'don', 'donnie', 'donny'],
  ['douglas', 'doug', 'dougie'],
  ['gregory', 'greg', 'gregorio', 'goyo'],
  ['jeffrey', 'geoffrey', 'jeff', 'geoff'],
  ['kenneth', 'ken', 'kenny'],
  ['philip', 'phillip', 'phil', 'felipe', 'pip'],
  ['frederick', 'fred', 'freddie', 'freddy', 'federico', 'fede', 'rick'],
  ['albert', 'al', 'bert', 'bertie', 'alberto', 'beto'],
  ['alfred', 'al', 'alf', 'alfie', 'fred', 'alfredo'],
  ['alan', 'allan', 'allen', 'al'],
  ['gerald', 'gerry', 'jerry'],
  ['jeremy', 'jerry', 'jeremiah'],
  ['louis', 'lewis', 'lou', 'luis', 'lucho', 'louie'],
  ['manuel', 'manolo', 'manny', 'manu', 'emmanuel', 'immanuel'],
  ['ignacio', 'nacho', 'iggy'],
  ['enrique', 'kike', 'quique'],
  ['jesus', 'chucho', 'chuy', 'jesse'],
  ['concepcion', 'concha', 'conchita', 'chita'],
  ['dolores', 'lola', 'lolita', 'lolo'],
  ['rosario', 'charo', 'chayo', 'rosa'],
  ['mercedes', 'meche', 'merche', 'mercy'],
  ['alfonso', 'poncho', 'fonso', 'alphonse'],
  ['rafael', 'rafa', 'rafi', 'raphael', 'ralph'],
  ['fernando', 'nando', 'fer', 'ferdinand'],
  ['gabriel', 'gabe', 'gabi', 'gaby'],
  ['gabriela', 'gabrielle', 'gabby', 'gabi', 'gaby', 'ella'],
  ['eduardo', 'edu', 'lalo'],
  ['rodrigo', 'rodri', 'rod', 'roddy'],
  ['roderick', 'rod', 'roddy', 'rick'],
  ['salvador', 'chava', 'salva', 'sal'],
  ['antonia', 'toni', 'tonia', 'tona'],
  ['teresa', 'theresa', 'tere', 'terry', 'tess', 'tessa', 'terri'],
  ['isabel', 'isabella', 'isa', 'chabela', 'izzy', 'bel'],
  ['natalie', 'natalia', 'nat', 'nattie', 'talia'],
  ['olivia', 'liv', 'livvy', 'ollie'],
  ['oliver', 'ollie', 'olly', 'oli'],
  ['sophia', 'sophie', 'sofia', 'sofie'],
  ['emily', 'em', 'emmy', 'emilia', 'millie'],
  ['emma', 'em', 'emmy'],
  ['hannah', 'hanna', 'anna', 'annie'],
  ['ann', 'anne', 'anna', 'annie', 'nancy', 'ana', 'anita', 'nan', 'hannah'],
  ['caroline', 'carolyn', 'carol', 'carrie', 'caro', 'carolina', 'lina'],
  ['charlotte', 'charlie', 'lottie', 'lotte', 'carlota'],
  ['madeline', 'madeleine', 'maddie', 'maddy', 'madison', 'magdalena', 'lena'],
  ['stephanie', 'steph', 'stefanie', 'stevie', 'estefania', 'fanny'],
  ['lachlan', 'lachie', 'lockie', 'lachy'],
  ['jacob', 'jake', 'jakob', 'jacobo', 'coby'],
  ['mitchell', 'mitch', 'mitchel'],
  ['bradley', 'brad'],
  ['cameron', 'cam', 'cammy'],
  ['dylan', 'dillon'],
  ['jordan', 'jordy', 'jordi'],
  ['lucas', 'luke', 'lukas'],
  ['jasmine', 'jaz', 'jazz', 'jasmin', 'yasmin'],
  ['georgia', 'georgie', 'george', 'georgina', 'gina'],
  ['george', 'georgie', 'jorge', 'geordie'],
  ['ella', 'ellie', 'elle'],
];

const index = new Map<string, number[]>();
GROUPS.forEach((group, gi) => {
  for (const name of group) {
    const list = index.get(name);
    if (list) {
      if (!list.includes(gi)) list.push(gi);
    } else index.set(name, [gi]);
  }
});

/** Number of nickname classes in the table. */
export const NICKNAME_GROUP_COUNT = GROUPS.length;

/** The class ids of a (normalised) given name; empty when the name is not in the table. */
export function nicknameGroups(name: string): readonly number[] {
  return index.get(name) ?? [];
}

/** True when a is within one keying error of a name of one of b's nickname classes
 *  ("kibmerly" ~ "kim": a mistyped Kimberly), or the other way round. */
export function areNicknamesWithTypo(
  a: string,
  b: string,
  close: (x: string, y: string) => boolean,
): boolean {
  // two names the table knows are what they are: only an unknown (mistyped) one can be a variant
  if (index.has(a) === index.has(b)) return false;
  for (const [x, y] of [
    [a, b],
    [b, a],
  ] as const) {
    const gy = index.get(y);
    if (!gy) continue;
    for (const gi of gy) for (const name of GROUPS[gi]!) if (name !== y && close(x, name)) return true;
  }
  return false;
}

/** True when two different normalised given names share a nickname class (William ~ Bill). */
export function areNicknames(a: string, b: string): boolean {
  if (!a || !b || a === b) return false;
  const ga = index.get(a);
  const gb = index.get(b);
  if (!ga || !gb) return false;
  for (const x of ga) if (gb.includes(x)) return true;
  return false;
}
