/** Showdown's id normalisation: lower case, letters and digits only ("Mr. Mime" -> "mrmime"). */
export function toId(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}
