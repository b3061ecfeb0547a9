/**
 * catalog-search: the public catalog search over 5,000 procedures with
 * diacritic-free queries, against an exact-code lookup measured in the same run.
 *
 * - search: `GET /api/v1/procedures?q=…` (anonymous), the load generator
 *   cycling over QUERIES — what people type without Vietnamese accents, a few
 *   with a typo: the unaccent + trigram match (`procedures_search_trgm_idx`),
 *   the ranking, the count, the first 50 summaries.
 * - lookup: `GET /api/v1/procedures/1.001193` (anonymous): the detail page of
 *   one procedure by its code (the baseline).
 *
 * The catalog: bootstrap's 19-procedure starter catalog plus 5,000 generated
 * procedures (names built from word lists over the starter catalog's fields,
 * codes B.000001…B.005000), loaded in one import through the catalog service,
 * then `ANALYZE procedures` (as autovacuum would have done on a live system).
 * Both targets are loaded by the same generator, with the same settings, in
 * alternating order over several rounds; ratios are taken per round and their
 * median reported.
 */
import { sql } from 'drizzle-orm';
import type { ProcedureInput } from '../contracts/catalog.js';
import { systemClock, type AppDeps, type ServiceContext } from '../server/http/context.js';
import { searchProcedures } from '../server/modules/catalog/queries.js';
import { importCatalog } from '../server/modules/catalog/service.js';
import { startBenchApp } from './lib/app.js';
import { captureQueries, explainAnalyze } from './lib/explain.js';
import { printComparison, runLoad, runRounds, type LoadOptions } from './lib/load.js';
import { envInt, fmtInt, fmtMs, log, table, type Benchmark } from './lib/util.js';

const CONNECTIONS = envInt('BENCH_CONNECTIONS', 10, 1, 256);
const WARMUP_MS = envInt('BENCH_WARMUP_MS', 1_000, 0, 10_000);
const DURATION_MS = envInt('BENCH_DURATION_MS', 5_000, 500, 30_000);
const ROUNDS = envInt('BENCH_ROUNDS', 3, 1, 9);
const MAX_REQUESTS = 2_000_000;
const GENERATED = 5_000;
const LOOKUP_CODE = '1.001193';
/** Must rank LOOKUP_CODE first, or the benchmark aborts. */
const CHECK_QUERY = 'dang ky khai sinh';

/** Diacritic-free queries as typed on a phone; the last few carry a typo. */
const QUERIES = [
  CHECK_QUERY,
  'cap giay phep xay dung',
  'chung thuc ban sao',
  'khai tu',
  'dang ky ket hon',
  'ly lich tu phap',
  'dang ky thuong tru',
  'tam tru',
  'cap doi the can cuoc',
  'ho kinh doanh',
  'giay chung nhan quyen su dung dat',
  'hoa giai tranh chap dat dai',
  'xac nhan tinh trang hon nhan',
  'khuyet tat',
  'trich luc ho tich',
  'chung thuc chu ky',
  'nhan cha me con',
  'dang ki khai sinh',
  'cap giay phep xay dun',
  'chung thuc ban sau',
  'xac nhan tinh trang hon nhn',
];

// ---------------------------------------------------------------- the generated catalog

/** Small deterministic generator (mulberry32), so every run loads the same catalog. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Objects of procedures by field (the starter catalog's field codes). */
const OBJECTS: Record<string, string[]> = {
  civil_status: ['khai sinh', 'kết hôn', 'khai tử', 'giám hộ', 'nhận cha, mẹ, con', 'thay đổi, cải chính hộ tịch', 'xác định lại dân tộc', 'trích lục hộ tịch', 'nuôi con nuôi', 'chấm dứt giám hộ'],
  certification: ['bản sao từ bản chính', 'chữ ký người dịch', 'hợp đồng, giao dịch', 'chữ ký trong giấy tờ, văn bản', 'văn bản thỏa thuận phân chia di sản', 'văn bản từ chối nhận di sản', 'di chúc'],
  business_registration: ['hộ kinh doanh', 'thay đổi nội dung đăng ký hộ kinh doanh', 'tạm ngừng kinh doanh', 'chấm dứt hoạt động hộ kinh doanh', 'hợp tác xã', 'chi nhánh hợp tác xã', 'địa điểm kinh doanh'],
  residence: ['thường trú', 'tạm trú', 'lưu trú', 'tạm vắng', 'tách hộ', 'điều chỉnh thông tin trong Cơ sở dữ liệu về cư trú', 'xóa đăng ký thường trú'],
  land: ['quyền sử dụng đất', 'chuyển mục đích sử dụng đất', 'tách thửa, hợp thửa đất', 'chuyển nhượng quyền sử dụng đất', 'thế chấp quyền sử dụng đất', 'biến động đất đai', 'tranh chấp đất đai', 'giao đất, cho thuê đất'],
  construction: ['xây dựng nhà ở riêng lẻ', 'sửa chữa, cải tạo công trình', 'di dời công trình', 'xây dựng có thời hạn', 'chứng chỉ hành nghề hoạt động xây dựng', 'hoàn công công trình', 'phá dỡ công trình'],
  justice: ['phiếu lý lịch tư pháp số 1', 'phiếu lý lịch tư pháp số 2', 'thông tin lý lịch tư pháp', 'hồ sơ lý lịch tư pháp'],
  identity: ['thẻ Căn cước', 'giấy chứng nhận căn cước', 'định danh điện tử', 'thông tin về cư trú'],
  social_protection: ['trợ cấp xã hội hằng tháng', 'mức độ khuyết tật', 'hỗ trợ chi phí mai táng', 'trợ giúp xã hội khẩn cấp', 'người cao tuổi', 'hộ nghèo, hộ cận nghèo', 'chăm sóc, nuôi dưỡng trẻ em'],
  culture: ['biểu diễn nghệ thuật', 'karaoke, vũ trường', 'lễ hội truyền thống', 'quảng cáo ngoài trời', 'gia đình văn hóa', 'di tích lịch sử - văn hóa', 'thư viện cơ sở'],
};
const ACTIONS = [
  'Cấp giấy phép',
  'Đăng ký',
  'Xác nhận',
  'Cấp lại giấy phép',
  'Cấp đổi',
  'Gia hạn',
  'Điều chỉnh',
  'Thu hồi',
  'Công nhận',
  'Thẩm định hồ sơ',
  'Cấp giấy chứng nhận',
  'Thông báo',
  'Giải quyết',
  'Hỗ trợ',
];
const QUALIFIERS = [
  '',
  'cho hộ gia đình, cá nhân',
  'cho tổ chức',
  'đối với doanh nghiệp',
  'có yếu tố nước ngoài',
  'tại Ủy ban nhân dân cấp xã',
  'trong trường hợp bị mất, hỏng',
  'lần đầu',
  'khi thay đổi thông tin',
  'trên địa bàn tỉnh',
  'theo thủ tục rút gọn',
  'liên thông',
];
const DOCUMENTS = [
  'Tờ khai theo mẫu',
  'Giấy tờ tùy thân có ảnh của người nộp',
  'Đơn đề nghị',
  'Bản sao giấy chứng nhận đã cấp',
  'Văn bản ủy quyền (nếu nộp thay)',
  'Bản vẽ, sơ đồ vị trí',
  'Giấy tờ chứng minh nơi cư trú',
];
const STEP_PLAN: ProcedureInput['stepPlan'] = [
  { step: 'receive', role: 'receptionist', performer: 'receiving_unit', sharePercent: 10 },
  { step: 'appraise', role: 'specialist', performer: 'settling_unit', sharePercent: 50 },
  { step: 'approve', role: 'leader', performer: 'settling_unit', sharePercent: 20 },
  { step: 'sign', role: 'leader', performer: 'settling_unit', sharePercent: 10 },
  { step: 'return', role: 'receptionist', performer: 'receiving_unit', sharePercent: 10 },
];

/** `count` procedures with distinct names, realistic shapes, codes B.000001… */
function generateProcedures(count: number): ProcedureInput[] {
  const random = rng(20250701);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const fields = Object.keys(OBJECTS);
  const names = new Set<string>();
  const out: ProcedureInput[] = [];
  while (out.length < count) {
    const field = pick(fields);
    const base = `${pick(ACTIONS)} ${pick(OBJECTS[field] ?? [])}`;
    const qualifier = pick(QUALIFIERS);
    let name = qualifier ? `${base} ${qualifier}` : base;
    // Word lists give ~12,000 combinations: a repeat gets a numbered variant, as real catalogs have.
    for (let n = 2; names.has(name); n++) name = `${base} ${qualifier} (trường hợp ${n})`.replace('  ', ' ');
    names.add(name);
    const i = out.length + 1;
    const level = random() < 0.8 ? 'commune' : random() < 0.7 ? 'province' : 'district';
    const days = pick([1, 2, 3, 5, 7, 10, 15, 20, 30]);
    out.push({
      code: `B.${String(i).padStart(6, '0')}`,
      name,
      nameEn: null,
      field,
      level,
      unitCodes: [],
      applicantType: pick(['citizen', 'business', 'both'] as const),
      settlement: random() < 0.1 ? { kind: 'same_day', cutoff: '15:00' } : { kind: 'working_days', amount: days },
      fees: random() < 0.4 ? [{ label: 'Miễn lệ phí', labelEn: null, amountVnd: 0 }] : [{ label: 'Lệ phí', labelEn: null, amountVnd: pick([10_000, 20_000, 50_000, 100_000, 500_000]) }],
      feeNote: null,
      documents: Array.from({ length: 1 + Math.floor(random() * 3) }, (_, d) => ({
        name: DOCUMENTS[(i + d) % DOCUMENTS.length] ?? 'Đơn đề nghị',
        nameEn: null,
        form: 'original' as const,
        quantity: 1,
        mandatory: d === 0,
        templateId: null,
      })),
      resultType: 'Văn bản chấp thuận',
      onlineLevel: pick(['full', 'partial', 'none'] as const),
      legalBasis: null,
      courtesyLetter: 'none',
      homeServiceEligible: random() < 0.2,
      supplementDays: 15,
      stepPlan: STEP_PLAN,
      // A few retired ones: the public search must skip them.
      active: i % 40 !== 0,
    });
  }
  return out;
}

// ---------------------------------------------------------------- helpers

type Target = 'search' | 'lookup';
type SearchBody = { total: number; items: { code: string; name: string }[] };

const searchPath = (query: string) => `/api/v1/procedures?q=${encodeURIComponent(query)}`;

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the search's row query exactly as the app sends
 * it (captured from drizzle's logger): the planner's own choice, and the plan
 * with sequential scans disabled — which is how the app runs text searches
 * (catalog/queries.ts), since the planner does not price `<%` well.
 */
async function explainSearch(database: AppDeps['database'], query: string): Promise<{ chosen: string[]; forced: string[] }> {
  const captured = await captureQueries(database, (spy) => searchProcedures(spy.db, { text: query, active: true, limit: 50, offset: 0 }));
  const rowQuery = captured.find((c) => /^select/i.test(c.sql) && !/select count\(/i.test(c.sql));
  if (!rowQuery) throw new Error('the search query was not captured');
  return { chosen: await explainAnalyze(database, rowQuery), forced: await explainAnalyze(database, rowQuery, ['enable_seqscan = off']) };
}

// ---------------------------------------------------------------- the benchmark

export const catalogSearch: Benchmark = {
  name: 'catalog-search',
  title: `Public catalog search over ${fmtInt(GENERATED)} procedures (diacritic-free queries) vs. an exact-code lookup`,
  run: async () => {
    const { database, base, port } = await startBenchApp({ prefix: 'motcua-bench-catalog-' });

    log(`generating ${fmtInt(GENERATED)} procedures and importing them in one import (catalog service)…`);
    const procedures = generateProcedures(GENERATED);
    const systemCtx: ServiceContext = { database, clock: systemClock, actor: { kind: 'system' }, ip: null };
    const t0 = performance.now();
    const report = await importCatalog(systemCtx, 'json', JSON.stringify({ procedures }), false);
    const importMs = performance.now() - t0;
    if (!report.applied || report.created !== GENERATED) {
      throw new Error(`import: ${JSON.stringify({ ...report, errors: report.errors.slice(0, 3) })}`);
    }
    await database.db.execute(sql`ANALYZE procedures`);
    const counts = (
      await database.db.execute<{ all: number; active: number }>(sql`SELECT count(*)::int AS all, count(*) FILTER (WHERE active)::int AS active FROM procedures`)
    ).rows[0];
    log(`imported in ${(importMs / 1000).toFixed(1)} s: ${fmtInt(counts?.all ?? 0)} procedures, ${fmtInt(counts?.active ?? 0)} active`);

    // Every query answers 200, and the check query ranks the birth registration first.
    log('checking every query and the lookup once…');
    const checks: string[][] = [];
    for (const query of QUERIES) {
      const started = performance.now();
      const res = await fetch(base + searchPath(query), { headers: { accept: 'application/json' } });
      const ms = performance.now() - started;
      if (res.status !== 200) throw new Error(`search "${query}": ${res.status} ${await res.text()}`);
      const body = (await res.json()) as SearchBody;
      const first = body.items[0];
      checks.push([query, fmtInt(body.total), first ? `${first.code} ${first.name}` : '(none)', fmtMs(ms, 1)]);
      if (query === CHECK_QUERY && first?.code !== LOOKUP_CODE) {
        throw new Error(`"${CHECK_QUERY}" ranks ${first ? `${first.code} "${first.name}"` : 'nothing'} first, not ${LOOKUP_CODE}`);
      }
    }
    const lookupPath = `/api/v1/procedures/${LOOKUP_CODE}`;
    const lookup = await fetch(base + lookupPath, { headers: { accept: 'application/json' } });
    if (lookup.status !== 200) throw new Error(`lookup: ${lookup.status} ${await lookup.text()}`);
    const lookupBody = (await lookup.json()) as { code: string };
    if (lookupBody.code !== LOOKUP_CODE) throw new Error(`lookup answered ${lookupBody.code}`);

    const plan = await explainSearch(database, CHECK_QUERY);

    const common: Omit<LoadOptions, 'path'> = {
      port,
      headers: { accept: 'application/json' },
      connections: CONNECTIONS,
      warmupMs: WARMUP_MS,
      durationMs: DURATION_MS,
      maxRequests: MAX_REQUESTS,
      responseTimeoutMs: 10_000,
    };
    const searchPaths = QUERIES.map(searchPath);
    const samples = await runRounds<Target>(ROUNDS, ['lookup', 'search'], (target) =>
      runLoad(target === 'search' ? { ...common, path: searchPaths[0] ?? '/', paths: searchPaths } : { ...common, path: lookupPath }),
    );

    // ---------------------------------------------------------------- report

    console.log('');
    console.log(`  catalog: ${fmtInt(counts?.all ?? 0)} procedures (19 starter + ${fmtInt(GENERATED)} generated, every 40th inactive), imported in ${(importMs / 1000).toFixed(1)} s`);
    console.log(`  search:  GET /api/v1/procedures?q=… anonymous, rotating over ${QUERIES.length} diacritic-free queries (3 with a typo)`);
    console.log(`  lookup:  GET ${lookupPath} anonymous (detail by exact code: the baseline)`);
    console.log(
      `  load:    ${CONNECTIONS} keep-alive connections from a separate process, ${WARMUP_MS / 1000} s warm-up + ` +
        `${DURATION_MS / 1000} s measured, ${ROUNDS} rounds in alternating order`,
    );
    console.log('');
    console.log(table(['query (single request, before load)', 'hits', 'first', 'ms'], checks));
    console.log('');
    console.log(`  EXPLAIN (ANALYZE, BUFFERS) of the row query for "${CHECK_QUERY}", as the app sends it:`);
    for (const line of plan.chosen) console.log(`    ${line}`);
    const usesIndex = plan.chosen.some((l) => l.includes('procedures_search_trgm_idx'));
    console.log(`  → procedures_search_trgm_idx ${usesIndex ? 'IS used' : 'is NOT used by the planner'}`);
    const forcedTime = plan.forced.find((l) => l.startsWith('Execution Time')) ?? '?';
    const forcedIndex = plan.forced.filter((l) => l.includes('procedures_search_trgm_idx')).map((l) => l.trim().replace(/^->\s*/, ''));
    console.log(
      `  → with enable_seqscan = off: ${forcedIndex.length > 0 ? forcedIndex.join('; ') : 'no trigram index scan either'}; ${forcedTime.toLowerCase()}`,
    );
    console.log('');
    printComparison(samples, ROUNDS, { target: 'lookup', label: 'lookup by code' }, { target: 'search', label: 'search (unaccented)' });
  },
};
