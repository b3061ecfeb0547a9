import { describe, expect, it } from 'vitest';
import type { Unit } from '../../api/schemas';
import { flattenUnitTree, subtreeIds } from './unit-tree';

function makeUnit(overrides: Partial<Unit> & Pick<Unit, 'id' | 'code'>): Unit {
  return {
    name: `Unit ${overrides.code}`,
    nameEn: null,
    kind: 'commune',
    parentId: null,
    address: null,
    phone: null,
    email: null,
    hotline: null,
    active: true,
    version: 1,
    createdAt: '2025-07-01T00:00:00.000Z',
    updatedAt: '2025-07-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('flattenUnitTree', () => {
  it('lists each unit after its parent, siblings ordered by code', () => {
    const rows = flattenUnitTree([
      makeUnit({ id: 'c2', code: 'P.02', parentId: 'p' }),
      makeUnit({ id: 'g', code: 'P.01.01', parentId: 'c1' }),
      makeUnit({ id: 'p', code: 'P', kind: 'province' }),
      makeUnit({ id: 'c1', code: 'P.01', parentId: 'p' }),
    ]);
    expect(rows.map((r) => [r.unit.id, r.depth])).toEqual([
      ['p', 0],
      ['c1', 1],
      ['g', 2],
      ['c2', 1],
    ]);
  });

  it('treats units whose parent is out of scope as top units', () => {
    const rows = flattenUnitTree([makeUnit({ id: 'a', code: 'A', parentId: 'hidden' })]);
    expect(rows).toEqual([{ unit: expect.objectContaining({ id: 'a' }), depth: 0 }]);
  });

  it('still shows every unit when the data holds a cycle', () => {
    const rows = flattenUnitTree([
      makeUnit({ id: 'a', code: 'A', parentId: 'b' }),
      makeUnit({ id: 'b', code: 'B', parentId: 'a' }),
    ]);
    expect(rows.map((r) => r.unit.id).sort()).toEqual(['a', 'b']);
  });
});

describe('subtreeIds', () => {
  it('holds a unit and everything below it, not its siblings', () => {
    const rows = flattenUnitTree([
      makeUnit({ id: 'p', code: 'P' }),
      makeUnit({ id: 'c1', code: 'P.01', parentId: 'p' }),
      makeUnit({ id: 'g', code: 'P.01.01', parentId: 'c1' }),
      makeUnit({ id: 'c2', code: 'P.02', parentId: 'p' }),
    ]);
    expect([...subtreeIds(rows, 'c1')].sort()).toEqual(['c1', 'g']);
    expect(subtreeIds(rows, 'missing').size).toBe(0);
  });
});
