/** Lower case, accents removed, only letters kept: "O'Brien-Núñez" → "obriennunez". */
export function normalizeName(value: string | null | undefined): string {
  if (!value) return '';
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** The deterministic first-pass key: normalised given name, family name and birth date, or null
 *  when any is missing (such records are never linked on this key). */
export function deterministicKey(r: {
  givenName?: string | null;
  familyName?: string | null;
  birthDate?: string | null;
  sealedAdoption?: boolean;
}): string | null {
  if (r.sealedAdoption) return null; // a sealed adoption is never joined to another identity
  const g = normalizeName(r.givenName);
  const f = normalizeName(r.familyName);
  if (!g || !f || !r.birthDate) return null;
  return `${g}|${f}|${r.birthDate}`;
}
