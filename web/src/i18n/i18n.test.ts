import { describe, expect, it } from 'vitest';
import { en, vi } from './resources';

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

function placeholders(text: unknown): string[] {
  return typeof text === 'string' ? [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort() : [];
}

function lookup(tree: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined), tree);
}

describe('web translations', () => {
  it('have the same keys in Vietnamese and English', () => {
    expect(keysOf(en).sort()).toEqual(keysOf(vi).sort());
  });

  it('use the same interpolation placeholders in both languages', () => {
    for (const key of keysOf(vi)) {
      expect(placeholders(lookup(en, key)), key).toEqual(placeholders(lookup(vi, key)));
    }
  });

  it('have no empty strings', () => {
    for (const key of keysOf(vi)) {
      expect(String(lookup(vi, key)).trim(), key).not.toBe('');
      expect(String(lookup(en, key)).trim(), key).not.toBe('');
    }
  });
});
