// Reads a sweep's Parquet tables with two readers MarketSim does not use (Polars' Rust reader, the one behind
// pl.read_parquet, and hyparquet, an independent JavaScript reader) and compares them with the same sweep's CSV tables.
// Usage: node compare.mjs CSV_DIR PARQUET_DIR. Exits 1 on any difference.
import fs from "node:fs";
import path from "node:path";
import pl from "nodejs-polars";
import { parquetReadObjects, parquetMetadataAsync } from "hyparquet";

const [csvDir, pqDir] = process.argv.slice(2);
let failures = 0;
const fail = (msg) => { console.error(`parquet readers: ${msg}`); failures++; };
const seconds = (t0) => (Number(process.hrtime.bigint() - t0) / 1e9).toFixed(2);

for (const table of ["design", "summary", "runs", "timeseries"]) {
  const pqPath = path.join(pqDir, `${table}.parquet`);
  const csvPath = path.join(csvDir, `${table}.csv`);
  let t0 = process.hrtime.bigint();
  const fromParquet = pl.readParquet(pqPath);
  const parquetSeconds = seconds(t0);
  t0 = process.hrtime.bigint();
  const fromCsv = pl.readCSV(csvPath, { inferSchemaLength: 0 }); // every column as text, parsed below as Parquet typed it
  const csvSeconds = seconds(t0);
  const bytes = (p) => (fs.statSync(p).size / 1e6).toFixed(2);
  console.log(`${table}: ${fromParquet.height} rows; Parquet ${bytes(pqPath)} MB read in ${parquetSeconds} s, CSV ${bytes(csvPath)} MB in ${csvSeconds} s (Polars)`);
  if (table === "runs") continue; // its seconds column differs between two runs of a sweep by design
  if (fromParquet.height !== fromCsv.height) { fail(`${table}: ${fromParquet.height} Parquet rows, ${fromCsv.height} CSV rows`); continue; }
  if (fromParquet.columns.join() !== fromCsv.columns.join()) { fail(`${table}: columns ${fromParquet.columns} against ${fromCsv.columns}`); continue; }
  // The CSV text cast to the Parquet file's types: an empty field is a null, numbers parse to the same doubles.
  const typed = fromCsv.select(...fromParquet.columns.map((c) => pl.col(c).cast(fromParquet.getColumn(c).dtype)));
  if (!typed.frameEqual(fromParquet, true)) fail(`${table}: Polars reads different values from the Parquet and the CSV table`);

  // hyparquet: the row count from the footer, and every value of the numeric column compared with Polars'.
  const file = await fs.promises.readFile(pqPath);
  const buffer = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength);
  const metadata = await parquetMetadataAsync(buffer);
  if (Number(metadata.num_rows) !== fromParquet.height) fail(`${table}: hyparquet counts ${metadata.num_rows} rows`);
  const column = fromParquet.columns.includes("value") ? "value" : fromParquet.columns[0];
  const rows = await parquetReadObjects({ file: buffer, columns: [column] });
  const polarsValues = fromParquet.getColumn(column).toArray();
  const differing = rows.findIndex((r, i) => !Object.is(Number(r[column] ?? NaN), Number(polarsValues[i] ?? NaN)));
  if (rows.length !== polarsValues.length || differing >= 0) fail(`${table}: hyparquet reads ${column} differently (row ${differing})`);
}
process.exit(failures ? 1 : 0);
