using System.Text.RegularExpressions;
using MarketSim.Core.Rules;
using MarketSim.Core.Scenarios;

namespace MarketSim.Tests.Scenarios;

/// <summary>MODEL.md names keys, rules and files; they must exist, so the document cannot drift from the code.</summary>
public partial class ModelDocTests
{
    private static readonly string Root = FindRoot();
    private static readonly string Model = File.ReadAllText(Path.Combine(Root, "src", "MarketSim.Core", "MODEL.md"));

    [Fact]
    public void Every_key_the_model_document_names_exists()
    {
        var keys = ScenarioLoader.ParameterKeys().Select(k => k.Key).ToList();
        var named = KeyPattern().Matches(Model).Select(m => m.Groups[1].Value.Split('=')[0])
            .Where(k => !k.EndsWith("...", StringComparison.Ordinal)).Distinct().ToList();
        Assert.True(named.Count >= 30, $"only {named.Count} keys named");
        Assert.All(named, key => Assert.True(keys.Any(k => k == key || k.StartsWith(key + ":", StringComparison.Ordinal)), $"MODEL.md names '{key}', which is not a key"));
    }

    [Fact]
    public void The_rule_table_names_each_kind_its_rules_and_the_file_that_holds_them()
    {
        var rows = Model.Split('\n').Where(l => l.StartsWith("| ") && l.Contains("`Rules/")).ToList();
        var kinds = RuleCatalog.Kinds.ToDictionary(k => k.Name);
        Assert.Equal(kinds.Keys.Order(), rows.Select(r => Cells(r)[1].Trim('`')).Order());
        foreach (var row in rows)
        {
            var cells = Cells(row);
            var kind = kinds[cells[1].Trim('`')];
            var file = cells[5].Trim('`');
            Assert.True(File.Exists(Path.Combine(Root, "src", "MarketSim.Core", file)), $"{file} does not exist");
            var source = File.ReadAllText(Path.Combine(Root, "src", "MarketSim.Core", file));
            Assert.Contains($"interface {kind.Name}", source);
            foreach (var rule in RuleCatalog.BuiltIn.Names(kind))
            {
                Assert.Contains($"`{rule}`", cells[3] + cells[4]);
                Assert.Contains($"class {rule} ", source);
            }
        }
    }

    private static string[] Cells(string row) => row.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();

    [GeneratedRegex(@"`([A-Z][A-Za-z]*(?::(?:<name>|[A-Z][A-Za-z0-9]*|\.\.\.))+(?:=[A-Za-z]+)?)`")]
    private static partial Regex KeyPattern();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MarketSim.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("MarketSim.sln not found above the test directory");
    }
}
