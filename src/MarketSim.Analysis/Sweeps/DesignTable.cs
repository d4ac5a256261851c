using System.Globalization;
using System.Runtime.CompilerServices;
using MarketSim.Data.Csv;
using MarketSim.Data.Sweeps;

namespace MarketSim.Analysis.Sweeps;

/// <summary>
/// design.csv checked against the manifest: each design row's parameter codes, the categorical value indices
/// (row by row, D per row; null when no parameter is categorical), and each run's id and design row.
/// </summary>
internal sealed record DesignTable(double[][] Codes, int[]? ValueIndex, int[] RunIds, int[] RunRow,
    RunIndex RunIndex)
{
    /// <summary>The design of a sweep's tables in memory.</summary>
    public static DesignTable From(TableRows<DesignedRun> design, SweepManifest manifest)
    {
        var builder = new Builder(design.Path, manifest, design.Count);
        for (var i = 0; i < design.Count; i++) builder.Add(design[i], design.LineOf(i));
        return builder.Build();
    }

    /// <summary>
    /// design.csv checked row by row as it is read, keeping only codes and ids (not the rows' texts). The first
    /// problem is kept and raised by <see cref="Build"/>, so a table the reader refuses later, or summary.csv or
    /// runs.csv refused by theirs, is reported first, as when every table is read before any is checked.
    /// </summary>
    public sealed class Builder(string path, SweepManifest manifest, int capacity = 0)
    {
        private readonly IReadOnlyList<SweepParameter> _parameters = manifest.Parameters;
        // Design rows are numbered from 0, usually in run order: a row below the count of runs so far has its slot,
        // a higher one waits aside until Build (one beyond all runs leaves a gap in the numbering, reported there).
        private readonly List<double[]?> _rows = new(capacity);
        private readonly List<int[]?>? _indices = manifest.Parameters.Any(p => p.IsCategorical) ? new(capacity) : null;
        private readonly Dictionary<int, (double[] Codes, int[]? Index)> _aside = [];
        private readonly List<int> _runIds = new(capacity), _runRow = new(capacity);
        private readonly RunIndex _runIndex = new();
        // A value recurs in a column from row to row (Saltelli blocks, Morris trajectories), so each column's last
        // cell is kept and a cell with the same text is not parsed again.
        private readonly string?[] _lastField = new string?[manifest.Parameters.Count];
        private readonly byte[][] _lastBytes = [.. manifest.Parameters.Select(_ => Array.Empty<byte>())];
        private readonly int[] _lastLength = [.. manifest.Parameters.Select(_ => -1)]; // -1: no row yet
        private readonly (double Code, int Index)[] _lastCell = new (double, int)[manifest.Parameters.Count];
        private readonly int[] _index = new int[manifest.Parameters.Count];
        private int _distinct;
        private AnalysisInputException? _problem;

        /// <summary>A row of a table in memory.</summary>
        public void Add(DesignedRun run, int line)
        {
            var cells = new RecordCells(run, _lastField);
            Add(run.RunId, run.DesignRow, line, ref cells);
        }

        /// <summary>
        /// A record of design.csv as the reader has it: its fields are checked as <see cref="DesignedRun.Read"/>
        /// checks them, and the parameter values are compared and parsed as bytes (no text is made for them).
        /// </summary>
        public void Add(CsvReader csv)
        {
            var (runId, designRow) = (csv.Long(0), csv.Integer(1));
            _ = (csv.Integer(2), csv.SignedInteger(3));
            var cells = new ReaderCells(csv, SweepFiles.DesignRunColumns.Count, _lastBytes, _lastLength);
            Add(runId, designRow, csv.Line, ref cells);
        }

        private void Add<TCells>(long runId, int designRow, int line, ref TCells cells) where TCells : struct, ICells
        {
            if (_problem is not null) return;
            try
            {
                Check(runId, designRow, line, ref cells);
            }
            catch (AnalysisInputException e)
            {
                _problem = e;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Check<TCells>(long runId, int row, int line, ref TCells cells) where TCells : struct, ICells
        {
            var at = new Line(path, line);
            var id = runId <= int.MaxValue ? (int)runId : throw new AnalysisInputException($"{at}: run_id {runId} is too large");
            if (!_runIndex.Add(id)) throw new AnalysisInputException($"{at}: run_id {id} appears twice");
            var d = _parameters.Count;
            var codes = new double[d];
            for (var j = 0; j < d; j++)
            {
                if (!cells.SameAsLast(j))
                {
                    _lastCell[j] = Cell(_parameters[j], ref cells, j, at);
                    cells.Remember(j);
                }
                (codes[j], _index[j]) = _lastCell[j];
            }
            _runIds.Add(id);
            _runRow.Add(row);
            while (_rows.Count < _runIds.Count)
            {
                _rows.Add(null);
                _indices?.Add(null);
            }
            var earlier = (row < _rows.Count ? _rows[row] : null) ?? (_aside.TryGetValue(row, out var far) ? far.Codes : null);
            if (earlier is not null)
            {
                if (!earlier.AsSpan().SequenceEqual(codes))
                    throw new AnalysisInputException(
                        $"{at}: design_row {row} has other parameter values than its first replication");
                return;
            }
            _distinct++;
            var index = _indices is null ? null : (int[])_index.Clone();
            if (row >= _rows.Count) _aside[row] = (codes, index);
            else Place(row, codes, index);
        }

        private void Place(int row, double[] codes, int[]? index)
        {
            _rows[row] = codes;
            if (_indices is not null) _indices[row] = index;
        }

        public DesignTable Build()
        {
            if (_problem is not null) throw _problem;
            if (_distinct == 0) throw new AnalysisInputException($"{path}: no runs");
            foreach (var (row, (codes, index)) in _aside)
                if (row < _rows.Count) Place(row, codes, index);
            for (var r = 0; r < _distinct; r++)
                if (_rows[r] is null)
                    throw new AnalysisInputException(
                        $"{path}: design_row {r} is missing; design rows must be numbered 0 to {_distinct - 1}");
            var d = _parameters.Count;
            var valueIndex = _indices is null ? null : new int[_distinct * d];
            for (var r = 0; r < _distinct && valueIndex is not null; r++) _indices![r]!.CopyTo(valueIndex, r * d);
            return new DesignTable(_rows.GetRange(0, _distinct).ToArray()!, valueIndex, [.. _runIds], [.. _runRow], _runIndex);
        }
    }

    private static (double Code, int Index) Cell<TCells>(SweepParameter p, ref TCells cells, int column, Line at)
        where TCells : struct, ICells
    {
        if (p.IsCategorical)
        {
            var field = cells.Text(column);
            var index = -1;
            for (var k = 0; k < p.Values!.Count && index < 0; k++)
                if (Same(p.Values[k], field)) index = k;
            if (index < 0)
                throw new AnalysisInputException(
                    $"{at}: {p.Key} '{field}' is not allowed; allowed {string.Join(", ", p.Values)}");
            return (p.Code(index), index);
        }
        if (!cells.TryNumber(column, out var v) || !double.IsFinite(v))
            throw new AnalysisInputException($"{at}: {p.Key} '{cells.Text(column)}' is not a finite number");
        // Samplers scale unit values to the range in floating point; allow their rounding, nothing more.
        var slack = 1e-9 * Math.Max(1, Math.Max(Math.Abs(p.Min), Math.Abs(p.Max)));
        if (v < p.Min - slack || v > p.Max + slack)
            throw new AnalysisInputException(
                $"{at}: {p.Key}: {cells.Text(column)} is out of range; allowed {Format(p.Min)} to {Format(p.Max)}");
        return (v, -1);
    }

    /// <summary>A row's parameter cells, and the text each column had in the row its code was last taken from.</summary>
    private interface ICells
    {
        bool SameAsLast(int column);
        void Remember(int column);
        string Text(int column);
        bool TryNumber(int column, out double value);
    }

    /// <summary>The cells of a row in memory; the reader hands recurring texts as the same string.</summary>
    private readonly struct RecordCells(DesignedRun run, string?[] last) : ICells
    {
        public bool SameAsLast(int column) => ReferenceEquals(run.Values[column], last[column]);
        public void Remember(int column) => last[column] = run.Values[column];
        public string Text(int column) => run.Values[column];
        public bool TryNumber(int column, out double value) =>
            double.TryParse(run.Values[column], NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The cells of the reader's record, from column <paramref name="first"/> on, as bytes.</summary>
    private readonly struct ReaderCells(CsvReader csv, int first, byte[][] last, int[] length) : ICells
    {
        public bool SameAsLast(int column) =>
            length[column] >= 0 && csv.Field(first + column).SequenceEqual(last[column].AsSpan(0, length[column]));

        public void Remember(int column)
        {
            var field = csv.Field(first + column);
            if (last[column].Length < field.Length) last[column] = new byte[Math.Max(field.Length, 2 * last[column].Length)];
            field.CopyTo(last[column]);
            length[column] = field.Length;
        }

        public string Text(int column) => csv.Name(first + column);

        public bool TryNumber(int column, out double value) =>
            double.TryParse(csv.Field(first + column), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
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
    private readonly record struct Line(string Path, int Number)
    {
        public override string ToString() => $"{Path} line {Number}";
    }

    internal static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
