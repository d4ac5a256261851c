using MarketSim.Data;
using MarketSim.Data.Calibration;
using MarketSim.Data.Csv;
using MathNet.Numerics.Random;

namespace MarketSim.Experiments.Design;

/// <summary>
/// A calibration's posterior.csv as a sweep's source of parameter values: its keys, its particles and their weights.
/// The posterior sampler draws particles with replacement in proportion to their weights.
/// </summary>
public sealed record PosteriorSample(string Path, IReadOnlyList<string> Keys, IReadOnlyList<PosteriorRow> Particles)
{
    public static PosteriorSample Read(string path)
    {
        if (!File.Exists(path)) throw new SpecException($"{path}: posterior file not found");
        try
        {
            using var csv = CsvReader.Open(path, ["particle"], prefix: true);
            var header = csv.Header;
            if (header.Count < 3 || header[^1] != "weight")
                throw new SpecException($"{path}: not a posterior.csv; expected the columns {string.Join(",", CalibrationFiles.PosteriorColumns(["<key>..."]))}");
            var rows = new List<PosteriorRow>();
            while (csv.Read())
            {
                var row = PosteriorRow.Read(csv);
                if (!(row.Weight >= 0 && double.IsFinite(row.Weight))) throw csv.Error(header.Count - 1, "is not a weight (0 or more)");
                rows.Add(row);
            }
            if (rows.Count == 0 || !(rows.Sum(r => r.Weight) > 0)) throw new SpecException($"{path}: holds no particle with a positive weight");
            return new PosteriorSample(path, [.. header.Skip(1).Take(header.Count - 2)], rows);
        }
        catch (DataFileException e) { throw new SpecException(e.Message); }
    }

    /// <summary>Indices of <paramref name="count"/> particles drawn with replacement, in proportion to their weights.</summary>
    public int[] Draw(int count, MersenneTwister random)
    {
        var cumulative = new double[Particles.Count];
        var sum = 0.0;
        for (var i = 0; i < cumulative.Length; i++) cumulative[i] = sum += Particles[i].Weight;
        var picks = new int[count];
        for (var k = 0; k < count; k++)
        {
            var u = random.NextDouble() * sum;
            var j = Array.FindIndex(cumulative, c => c > u);
            picks[k] = j < 0 ? cumulative.Length - 1 : j;
        }
        return picks;
    }
}
