import { randomInt } from 'node:crypto';

// MLflow names unnamed runs "<adjective>-<noun>-<n>" so the UI has something to show; same here.
const ADJECTIVES = ['agile', 'bold', 'brave', 'bright', 'calm', 'clever', 'crisp', 'eager', 'fleet', 'gentle', 'glad', 'keen', 'lucky', 'merry', 'nimble', 'proud', 'quick', 'quiet', 'sharp', 'swift', 'tidy', 'vivid', 'wise', 'zesty'];
const NOUNS = ['abra', 'bulbasaur', 'charmander', 'eevee', 'gastly', 'geodude', 'jigglypuff', 'lapras', 'machop', 'magikarp', 'meowth', 'mew', 'onix', 'pidgey', 'pikachu', 'psyduck', 'slowpoke', 'snorlax', 'squirtle', 'vulpix', 'zubat'];

export function generateRunName(): string {
  return `${ADJECTIVES[randomInt(ADJECTIVES.length)]}-${NOUNS[randomInt(NOUNS.length)]}-${randomInt(1000)}`;
}
