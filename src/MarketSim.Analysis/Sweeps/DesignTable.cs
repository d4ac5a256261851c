using System.Globalization;

namespace MarketSim.Analysis.Sweeps;

/// <summary>design.csv checked against the manifest: one entry per design row and per run.</summary>
internal sealed record DesignTable(double[][] Codes, double[][] Units, int[][] ValueIndex, int[] RunIds, int[] RunRow)
{
    private const string File = "design.csv";

    public static DesignTable Read(string path, SweepManifest manifest)
    {
        var parameters = manifest.Parameters;
        string[] header = ["run_id", "design_row", "replication", "seed", .. parameters.Select(p => p.Key)];
        var rows = new Dictionary<int, (double[] Codes, double[] Units, int[] Index)>();
        var runIds = new List<int>();
        var runRow = new List<int>();
        var seenRuns = new HashSet<int>();
        foreach (var (f, line) in SweepCsv.Read(path, header))
        {
            var id = SweepCsv.Integer(f[0], File, line, "run_id");
            var row = SweepCsv.Integer(f[1], File, line, "design_row");
            SweepCsv.Integer(f[2], File, line, "replication");
            if (!seenRuns.Add(id)) throw new AnalysisInputException($"{File} line {line}: run_id {id} appears twice");
            var codes = new double[parameters.Count];
            var units = new double[parameters.Count];
            var index = new int[parameters.Count];
            for (var j = 0; j < parameters.Count; j++)
                (codes[j], units[j], index[j]) = Cell(parameters[j], f[4 + j], line);
            if (rows.TryGetValue(row, out var earlier))
            {
                if (!earlier.Codes.SequenceEqual(codes))
                    throw new AnalysisInputException(
                        $"{File} line {line}: design_row {row} has other parameter values than its first replication");
            }
            else rows[row] = (codes, units, index);
            runIds.Add(id);
            runRow.Add(row);
        }
        if (rows.Count == 0) throw new AnalysisInputException($"{File}: no runs");
        for (var r = 0; r < rows.Count; r++)
            if (!rows.ContainsKey(r))
                throw new AnalysisInputException(
                    $"{File}: design_row {r} is missing; design rows must be numbered 0 to {rows.Count - 1}");
        var ordered = Enumerable.Range(0, rows.Count).Select(r => rows[r]).ToArray();
        return new DesignTable(ordered.Select(r => r.Codes).ToArray(), ordered.Select(r => r.Units).ToArray(),
            ordered.Select(r => r.Index).ToArray(), runIds.ToArray(), runRow.ToArray());
    }

    private static (double Code, double Unit, int Index) Cell(SweepParameter p, string field, int line)
    {
        if (p.IsCategorical)
        {
            var index = -1;
            for (var k = 0; k < p.Values!.Count && index < 0; k++)
                if (Same(p.Values[k], field)) index = k;
            if (index < 0)
                throw new AnalysisInputException(
                    $"{File} line {line}: {p.Key} '{field}' is not allowed; allowed {string.Join(", ", p.Values)}");
            return (p.Code(index), p.Unit(0, index), index);
        }
        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            throw new AnalysisInputException($"{File} line {line}: {p.Key} '{field}' is not a finite number");
        // Samplers scale unit values to the range in floating point; allow their rounding, nothing more.
        var slack = 1e-9 * Math.Max(1, Math.Max(Math.Abs(p.Min), Math.Abs(p.Max)));
        if (v < p.Min - slack || v > p.Max + slack)
            throw new AnalysisInputException(
                $"{File} line {line}: {p.Key}: {field} is out of range; allowed {SweepCsv.Format(p.Min)} to {SweepCsv.Format(p.Max)}");
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
}
