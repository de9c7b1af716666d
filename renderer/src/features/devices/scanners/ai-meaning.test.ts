import { describe, expect, it } from 'vitest';
import { aiMeaningKey, visibleScan } from './ai-meaning';

describe('aiMeaningKey', () => {
  it('names the common AIs and the measure families by their first three digits', () => {
    expect(aiMeaningKey('00')).toBe('ai.00');
    expect(aiMeaningKey('3103')).toBe('ai.310');
    expect(aiMeaningKey('3302')).toBe('ai.330');
  });
  it('leaves others to the parser title', () => {
    expect(aiMeaningKey('3113')).toBeNull();
    expect(aiMeaningKey('99')).toBeNull();
    expect(aiMeaningKey('0')).toBeNull();
  });
});

describe('visibleScan', () => {
  it('shows GS and other control characters instead of hiding them', () => {
    expect(visibleScan('0112345678901231\u001d10ABC')).toBe('0112345678901231‹GS›10ABC');
    expect(visibleScan('a\u0000b\r')).toBe('a\\x00b\\x0d');
    expect(visibleScan('plain')).toBe('plain');
  });
});
