// bench/letters: the time and size of the letter of request PDF (issue 13), rendered by the
// build in dist/ (`npm run build` first) in this process, one letter after another.
//
// BENCH_LETTERS letters (default 100): Vietnamese and English in turn, every fifth a
// preservation request, of growing length (3 to 42 measures, 3 to 61 identifiers, 1 to 4
// supporting documents), so short and several-page letters are both measured. The first
// render (fonts parsed, code warmed up) is measured apart as firstMs and is not in the
// percentiles. Bounded in time: past BENCH_TIMEOUT_S (default 180) it stops and reports what
// it rendered, exiting 1. Prints one JSON line:
//   {bench:'letters', letters, firstMs, p50Ms, p95Ms, maxMs, bytesP50, bytesMax, pages:{min,p50,max}}
// then a second (issue 21, ./concurrent-reads.js): other users' reads through the built API
// while one user renders letters in a loop (BENCH_READ_SECONDS=0 leaves it out):
//   {bench:'letters-concurrent-reads', lettersRendered, readP50Ms, readP99Ms, liveP50Ms, liveP99Ms, aim, met}
const path = require('node:path');
const { ROOT, percentile, round } = require('../lib/harness');

const LETTERS = Number(process.env.BENCH_LETTERS ?? 100);
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_S ?? 180) * 1000;
for (const [name, value] of Object.entries({ LETTERS, TIMEOUT_MS })) {
  if (!Number.isInteger(value) || value < 1) {
    console.error(`bench/letters: ${name} must be a positive integer (got ${value})`);
    process.exit(2);
  }
}

const dist = (p) => require(path.join(ROOT, 'dist', p));
let renderLetter;
let sampleLetterInput;
try {
  ({ renderLetter } = dist('libs/letters/src/render-letter.js'));
  ({ sampleLetterInput } = dist('libs/letters/src/sample-letter.js'));
} catch (error) {
  console.error(`bench/letters: the build is missing (run \`npm run build\` first): ${error.message}`);
  process.exit(2);
}

/** Pages of a PDF: its page objects (`/Type /Page`, not `/Pages`). */
const pageCount = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;

function letter(i) {
  return sampleLetterInput({
    type: i % 5 === 4 ? 'PRESERVATION' : 'SUBSCRIBER_INFO',
    measures: 3 + (i % 40),
    identifiers: 3 + ((i * 7) % 59),
    documents: 1 + (i % 4),
    confidential: i % 2 === 0,
  });
}

async function main() {
  const started = Date.now();
  const t0 = process.hrtime.bigint();
  await renderLetter(letter(0), 'vi');
  const firstMs = Number(process.hrtime.bigint() - t0) / 1e6;

  const times = [];
  const sizes = [];
  const pages = [];
  for (let i = 0; i < LETTERS; i++) {
    if (Date.now() - started > TIMEOUT_MS) break;
    const input = letter(i);
    const t = process.hrtime.bigint();
    const pdf = await renderLetter(input, i % 2 === 0 ? 'vi' : 'en');
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    sizes.push(pdf.length);
    pages.push(pageCount(pdf));
  }
  const sort = (a) => [...a].sort((x, y) => x - y);
  const [t, s, p] = [sort(times), sort(sizes), sort(pages)];
  const result = {
    bench: 'letters',
    letters: times.length,
    firstMs: round(firstMs),
    p50Ms: round(percentile(t, 50)),
    p95Ms: round(percentile(t, 95)),
    maxMs: round(t[t.length - 1] ?? null),
    bytesP50: percentile(s, 50),
    bytesMax: s[s.length - 1] ?? null,
    pages: { min: p[0] ?? null, p50: percentile(p, 50), max: p[p.length - 1] ?? null },
  };
  console.log(JSON.stringify(result));
  if (times.length < LETTERS) {
    console.error(`bench/letters: stopped after ${times.length} of ${LETTERS} letters (BENCH_TIMEOUT_S)`);
    process.exit(1);
  }
  if (Number(process.env.BENCH_READ_SECONDS ?? 20) > 0) console.log(JSON.stringify(await require('./concurrent-reads').concurrentReads()));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
