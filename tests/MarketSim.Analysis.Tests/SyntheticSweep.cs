using System.Globalization;
using System.Text;

namespace MarketSim.Analysis.Tests;

/// <summary>
/// Writes a small sweep directory the way `marketsim sweep` lays it out (manifest.json, design.csv, summary.csv,
/// optionally runs.csv) for a made-up NPV model whose influences are known: Demand:Growth matters most.
/// </summary>
internal sealed record SyntheticSweep(string Sampler = "saltelli", int Blocks = 64, bool SecondOrder = false,
    int Replications = 2, bool WriteRuns = true)
{
    public IReadOnlySet<int> FailedRuns { get; init; } = new HashSet<int>();

    public static readonly string[] Regimes = ["calm", "boom", "bust"];

    public int Dimensions => 4;

    public int DesignRows => Blocks * Sampler switch
    {
        "saltelli" => SecondOrder ? 2 * Dimensions + 2 : Dimensions + 2,
        "morris" => Dimensions + 1,
        _ => 1,
    };

    public string Write(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "manifest.json"), Manifest());
        var units = Sampler switch
        {
            "saltelli" => SaltelliMonteCarlo.Design(Blocks, Dimensions, SecondOrder, seed: 17),
            "morris" => MorrisGrid(),
            _ => Enumerable.Range(0, Blocks).Select(i => new[] { (i + 0.5) / Blocks, (i * 7 % Blocks + 0.5) / Blocks,
                i % 2 / 1.0, i % 3 / 2.0 }).ToArray(),
        };
        var design = new StringBuilder("run_id,design_row,replication,seed,Demand:Growth,Capex:Scale,Policy:OpenWeights,Market:Regime\n");
        var summary = new StringBuilder("run_id,metric,value\n");
        var runs = new StringBuilder("run_id,status,seconds,error\n");
        for (var row = 0; row < units.Length; row++)
        {
            var u = units[row];
            var growth = u[0];
            var scale = Math.Exp(Math.Log(0.5) + u[1] * (Math.Log(2) - Math.Log(0.5)));
            var open = Math.Min((int)(u[2] * 2), 1) == 1;
            var regime = Math.Min((int)(u[3] * 3), 2);
            for (var rep = 0; rep < Replications; rep++)
            {
                var id = row * Replications + rep;
                design.Append(CultureInfo.InvariantCulture,
                    $"{id},{row},{rep},{1000 + id},{F(growth)},{F(scale)},{(open ? "true" : "false")},{Regimes[regime]}\n");
                var failed = FailedRuns.Contains(id);
                runs.Append(CultureInfo.InvariantCulture, $"{id},{(failed ? "failed" : "ok")},0.01,{(failed ? "diverged" : "")}\n");
                if (failed) continue;
                var npv = 40 * (growth - 0.45) - 6 * Math.Log(scale) + (open ? 3 : 0) + (regime == 2 ? -8 : 0) + 0.5 * rep;
                summary.Append(CultureInfo.InvariantCulture, $"{id},capex_2026_2027_usd_bn,{F(900 * scale)}\n");
                summary.Append(CultureInfo.InvariantCulture, $"{id},cohort_2026_2027_npv_usd_bn,{F(npv)}\n");
                summary.Append(CultureInfo.InvariantCulture, $"{id},cohort_2026_2027_irr,{(npv < -15 ? "NaN" : F(npv / 100))}\n");
                summary.Append(CultureInfo.InvariantCulture, $"{id},defaults,0\n");
                summary.Append(CultureInfo.InvariantCulture, $"{id},justified,{(npv >= 0 ? 1 : 0)}\n");
            }
        }
        File.WriteAllText(Path.Combine(directory, "design.csv"), design.ToString());
        File.WriteAllText(Path.Combine(directory, "summary.csv"), summary.ToString());
        if (WriteRuns) File.WriteAllText(Path.Combine(directory, "runs.csv"), runs.ToString());
        return directory;
    }

    private double[][] MorrisGrid()
    {
        var random = new Random(5);
        var delta = 2.0 / 3;
        var rows = new List<double[]>();
        for (var t = 0; t < Blocks; t++)
        {
            var point = Enumerable.Range(0, Dimensions).Select(_ => random.Next(4) / 3.0).ToArray();
            rows.Add((double[])point.Clone());
            foreach (var j in Enumerable.Range(0, Dimensions).OrderBy(_ => random.Next()))
            {
                point[j] += point[j] + delta <= 1 + 1e-12 ? delta : -delta;
                rows.Add((double[])point.Clone());
            }
        }
        return rows.ToArray();
    }

    private string Manifest() => $$"""
        {"tool":"MarketSim","version":"0.1.0","name":"synthetic","seed":1,"replications":{{Replications}},
         "scenario":{},
         "design":{"sampler":"{{Sampler}}","samples":{{Blocks}},"secondOrder":{{(SecondOrder ? "true" : "false")}},"rows":{{DesignRows}},"levels":4,"trajectories":{{Blocks}} },
         "parameters":[{"key":"Demand:Growth","min":0,"max":1,"scale":"linear"},
                       {"key":"Capex:Scale","min":0.5,"max":2,"scale":"log"},
                       {"key":"Policy:OpenWeights","values":[false,true]},
                       {"key":"Market:Regime","values":["calm","boom","bust"]}],
         "outputs":{},"spec":{} }
        """;

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>A fresh directory per test, removed afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "marketsim-analysis-" + Guid.NewGuid().ToString("N"));

    public TempDirectory() => Directory.CreateDirectory(Path);

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
