import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  contentHash,
  foldName,
  identityHash,
  isHoneypotFilled,
  newReference,
  normaliseReference,
  submissionId,
} from '../../functions/domain/intake.js';

const person = (firstName: string, lastName: string, postcode = '47169', dateOfBirth = '1987-05-17') => ({
  person: { firstName, lastName, dateOfBirth, gender: 'female' as const, address: { street: 'x', postcode, city: 'y' } },
});

describe('duplicate identity', () => {
  it('ignores case, accents, spacing, hyphens and ß', () => {
    const a = identityHash(person('Ayşe', 'Yılmaz-Öztürk'), 'p');
    expect(identityHash(person('  AYSE ', 'yilmaz öztürk'), 'p')).toBe(a);
    expect(identityHash(person('ayse', 'YilmazOzturk'), 'p')).toBe(a);
    expect(foldName('Strauß')).toBe(foldName('STRAUSS'));
    expect(foldName('Łukasz')).toBe(foldName('lukasz'));
  });

  it('folds the German transliterations: ä/ae/a, ö/oe/o, ü/ue/u, ß/ss (one person, not two)', () => {
    const a = identityHash(person('Jana', 'Müller-Łukasz'), 'p');
    expect(identityHash(person('Jana', 'Mueller-Lukasz'), 'p')).toBe(a);
    expect(identityHash(person('Jana', 'Muller Lukasz'), 'p')).toBe(a);
    for (const [x, y] of <[string, string][]>[['Schröder', 'Schroeder'], ['Schröder', 'Schroder'], ['Gößmann', 'Goessmann'], ['Jürgen', 'Juergen'], ['Bär', 'Baer'], ['Weiß', 'Weiss'], ['Ærø', 'Aeroe']])
      expect(foldName(x), `${x} / ${y}`).toBe(foldName(y));
    expect(foldName('Müller')).not.toBe(foldName('Miller'));
    expect(foldName('Özil')).not.toBe(foldName('Ezil'));
  });

  it('tells different people apart by date of birth, postcode and project', () => {
    const a = identityHash(person('Jana', 'Beispiel'), 'p');
    expect(identityHash(person('Jana', 'Beispiel', '47166'), 'p')).not.toBe(a);
    expect(identityHash(person('Jana', 'Beispiel', '47169', '1987-05-18'), 'p')).not.toBe(a);
    expect(identityHash(person('Jana', 'Beispiel'), 'other-project')).not.toBe(a);
  });

  it('keeps non-Latin names distinct', () => {
    expect(identityHash(person('Олена', 'Приклад'), 'p')).not.toBe(identityHash(person('Олег', 'Приклад'), 'p'));
    expect(foldName('سامي')).toBe('سامي');
  });
});

describe('references', () => {
  it('are 8 readable characters in two groups', () => {
    for (let i = 0; i < 200; i++) expect(newReference()).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it('are read back as people say or type them', () => {
    expect(normaliseReference('7kqm 4xpd')).toBe('7KQM-4XPD');
    expect(normaliseReference('OI2L-0000')).toBe('0121-0000');
    expect(normaliseReference('abc')).toBeUndefined();
    expect(normaliseReference('7KQM-4XPD-9')).toBeUndefined();
    expect(normaliseReference('UUUU-UUUU')).toBeUndefined();
  });
});

describe('hashes and ids', () => {
  it('canonical JSON ignores key order and undefined values', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: undefined }] })).toBe('{"a":[1,{"d":2}],"b":1}');
    expect(contentHash({ a: 1, b: 2 })).toBe(contentHash({ b: 2, a: 1 }));
  });

  it('derives the submission id from the idempotency key, else random', () => {
    expect(submissionId('key-123456')).toBe(submissionId('key-123456'));
    expect(submissionId('key-123456')).not.toBe(submissionId('key-123457'));
    expect(submissionId(undefined)).not.toBe(submissionId(undefined));
    expect(submissionId(undefined)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('treats only a non-blank honeypot as filled', () => {
    expect(isHoneypotFilled({ website: 'http://spam' })).toBe(true);
    expect(isHoneypotFilled({ website: 0 })).toBe(true);
    expect(isHoneypotFilled({ website: '  ' })).toBe(false);
    expect(isHoneypotFilled({})).toBe(false);
    expect(isHoneypotFilled(null)).toBe(false);
  });
});
