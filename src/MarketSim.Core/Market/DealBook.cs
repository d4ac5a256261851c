using System.Globalization;
using MarketSim.Core.Scenarios;
using MarketSim.Data;
using MarketSim.Data.Csv;

namespace MarketSim.Core.Market;

/// <summary>The kinds of deal in the book (the <c>type</c> column).</summary>
public enum DealType { ComputeContract, ChipSupply, Equity, Spv, Warrant, VendorFinancing, GpuBackedLoan }

/// <summary>
/// One announced deal, as the book states it: everyone named (<see cref="Parties"/>, <c>;</c>-separated), payer and payee as published (mapped to agents by <see cref="DealParties"/>),
/// headline size, term and power when published (empty otherwise; the scenario's <c>Deals:Assumed...</c> keys fill
/// them), and the id of a row that already includes this one (<see cref="PartOf"/>, never added twice).
/// </summary>
public sealed record AnnouncedDeal(
    string Id, YearMonth Announced, string Parties, string Payer, string Payee, DealType Type, double? SizeUsdBn, string PartOf,
    int? DurationMonths, YearMonth? Start, double? Gw, string Status, string Assumptions)
{
    /// <summary>When money or deliveries start: the published start, never before the announcement.</summary>
    public YearMonth Begins => Start is { } start && start > Announced ? start : Announced;
}

/// <summary>
/// The deal book: <c>experiments/data/announced_deals.csv</c>, embedded in the assembly at build time (the file is
/// the one source; a test checks the embedded copy equals it). Read once per process.
/// </summary>
public static class DealBook
{
    private const string Resource = "MarketSim.Data.announced_deals.csv";
    private static readonly Lazy<IReadOnlyList<AnnouncedDeal>> Book = new(() =>
    {
        return Parse(OpenEmbedded(), "announced_deals.csv");
    });
    private static readonly Lazy<HashSet<string>> IdSet = new(() => Book.Value.Select(d => d.Id).ToHashSet(StringComparer.Ordinal));

    private static readonly (string Name, DealType Type)[] TypeNames =
    [
        ("compute_contract", DealType.ComputeContract), ("chip_supply", DealType.ChipSupply), ("equity", DealType.Equity),
        ("spv", DealType.Spv), ("warrant", DealType.Warrant), ("vendor_financing", DealType.VendorFinancing),
        ("gpu_backed_loan", DealType.GpuBackedLoan),
    ];

    /// <summary>The book's name of a deal type (<c>compute_contract</c>, ...).</summary>
    public static string TypeName(DealType type) => TypeNames.First(t => t.Type == type).Name;

    /// <summary>Every deal of the book, in the file's order.</summary>
    public static IReadOnlyList<AnnouncedDeal> Announced => Book.Value;

    public static bool Contains(string id) => IdSet.Value.Contains(id);

    /// <summary>The company of the scenario that a published party maps to, or empty when none models it.</summary>
    public static string ModelledAs(string party, Scenario scenario) => DealParties.ModelledAs(party, scenario);

    /// <summary>The embedded copy of the CSV, byte for byte.</summary>
    public static Stream OpenEmbedded() =>
        typeof(DealBook).Assembly.GetManifestResourceStream(Resource)
        ?? throw new InvalidOperationException($"deal book resource '{Resource}' is missing from the build");

    /// <summary>Reads a deal book in the layout of <c>announced_deals.csv</c>; a bad cell names its row and column.</summary>
    public static IReadOnlyList<AnnouncedDeal> Parse(Stream stream, string source)
    {
        using var csv = CsvReader.Open(stream, source, [], prefix: true);
        var deals = new List<AnnouncedDeal>();
        while (csv.Read())
        {
            var row = new Row(csv, source);
            deals.Add(new AnnouncedDeal(
                row.Text("id"), row.Month("announced")!.Value, row.Text("parties"), row.Text("payer"), row.Text("payee"), row.Type(),
                row.Number("size_usd_bn"), row.Text("part_of"), (int?)row.Number("duration_months"), row.Month("start"),
                row.Number("gw"), row.Text("status"), row.Text("assumptions")));
        }
        var duplicate = deals.GroupBy(d => d.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new DataFileException($"{source}: deal id '{duplicate.Key}' appears twice");
        return deals;
    }

    private readonly struct Row(CsvReader csv, string source)
    {
        public string Text(string column) => csv.Text(csv.Column(column)).Trim();

        public double? Number(string column)
        {
            var text = Text(column);
            if (text.Length == 0) return null;
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= 0
                ? value
                : throw Bad(column, text, "a non-negative number");
        }

        public YearMonth? Month(string column)
        {
            var text = Text(column);
            if (text.Length == 0 && column != "announced") return null;
            return YearMonth.TryParse(text, out var month) ? month : throw Bad(column, text, "a month yyyy-MM");
        }

        public DealType Type()
        {
            var text = Text("type");
            foreach (var (name, type) in TypeNames) if (name == text) return type;
            throw Bad("type", text, "one of " + string.Join(", ", TypeNames.Select(t => t.Name)));
        }

        private DataFileException Bad(string column, string text, string expected) =>
            new($"{source} line {csv.Line}, {column}: '{text}' is not {expected}");
    }
}
