using System.Globalization;
using MarketSim.Data.Csv;
using MarketSim.Data.Sweeps;

namespace MarketSim.Analysis.Sweeps;

/// <summary>design.csv checked against the manifest: one entry per design row and per run.</summary>
internal sealed record DesignTable(double[][] Codes, double[][] Units, int[][] ValueIndex, int[] RunIds, int[] RunRow)
{
    public static DesignTable From(TableRows<DesignedRun> design, SweepManifest manifest)
    {
        var parameters = manifest.Parameters;
        var rows = new Dictionary<int, (double[] Codes, double[] Units, int[] Index)>();
        var runIds = new List<int>();
        var runRow = new List<int>();
        var seenRuns = new HashSet<int>(design.Count);
        // The reader hands a value that recurs in a column (Saltelli blocks, Morris trajectories) as the same
        // string, so each column's last cell is kept and not parsed again.
        var lastField = new string?[parameters.Count];
        var lastCell = new (double Code, double Unit, int Index)[parameters.Count];
        for (var i = 0; i < design.Count; i++)
        {
            var run = design[i];
            var at = new Line(design, i);
            var id = run.RunId <= int.MaxValue ? (int)run.RunId : throw new AnalysisInputException($"{at}: run_id {run.RunId} is too large");
            if (!seenRuns.Add(id)) throw new AnalysisInputException($"{at}: run_id {id} appears twice");
            var codes = new double[parameters.Count];
            var units = new double[parameters.Count];
            var index = new int[parameters.Count];
            for (var j = 0; j < parameters.Count; j++)
            {
                if (!ReferenceEquals(run.Values[j], lastField[j]))
                {
                    lastCell[j] = Cell(parameters[j], run.Values[j], at);
                    lastField[j] = run.Values[j];
                }
                (codes[j], units[j], index[j]) = lastCell[j];
            }
            if (rows.TryGetValue(run.DesignRow, out var earlier))
            {
                if (!earlier.Codes.AsSpan().SequenceEqual(codes))
                    throw new AnalysisInputException(
                        $"{at}: design_row {run.DesignRow} has other parameter values than its first replication");
            }
            else rows[run.DesignRow] = (codes, units, index);
            runIds.Add(id);
            runRow.Add(run.DesignRow);
        }
        if (rows.Count == 0) throw new AnalysisInputException($"{design.Path}: no runs");
        for (var r = 0; r < rows.Count; r++)
            if (!rows.ContainsKey(r))
                throw new AnalysisInputException(
                    $"{design.Path}: design_row {r} is missing; design rows must be numbered 0 to {rows.Count - 1}");
        var ordered = Enumerable.Range(0, rows.Count).Select(r => rows[r]).ToArray();
        return new DesignTable(ordered.Select(r => r.Codes).ToArray(), ordered.Select(r => r.Units).ToArray(),
            ordered.Select(r => r.Index).ToArray(), runIds.ToArray(), runRow.ToArray());
    }

    private static (double Code, double Unit, int Index) Cell(SweepParameter p, string field, Line at)
    {
        if (p.IsCategorical)
        {
            var index = -1;
            for (var k = 0; k < p.Values!.Count && index < 0; k++)
                if (Same(p.Values[k], field)) index = k;
            if (index < 0)
                throw new AnalysisInputException(
                    $"{at}: {p.Key} '{field}' is not allowed; allowed {string.Join(", ", p.Values)}");
            return (p.Code(index), p.Unit(0, index), index);
        }
        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            throw new AnalysisInputException($"{at}: {p.Key} '{field}' is not a finite number");
        // Samplers scale unit values to the range in floating point; allow their rounding, nothing more.
        var slack = 1e-9 * Math.Max(1, Math.Max(Math.Abs(p.Min), Math.Abs(p.Max)));
        if (v < p.Min - slack || v > p.Max + slack)
            throw new AnalysisInputException(
                $"{at}: {p.Key}: {field} is out of range; allowed {Format(p.Min)} to {Format(p.Max)}");
        return (v, Math.Clamp(p.Unit(v, -1), 0, 1), -1);
    }

    /// <summary>Booleans compare case-insensitively and numbers by value, so 1 and 1.0 are the same category.</summary>
    private static bool Same(string value, string field)
    {
        if (string.Equals(value, field, StringComparison.OrdinalIgnoreCase) && value is "true" or "false") return true;
        if (value == field) return true;
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            && double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var b) && a == b;
    }

    /// <summary>Where a row is, for messages; formatted only when one is given.</summary>
    private readonly record struct Line(TableRows<DesignedRun> Design, int Index)
    {
        public override string ToString() => $"{Design.Path} line {Design.LineOf(Index)}";
    }

    internal static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
