using MarketSim.Core.Agents;
using MarketSim.Core.Engine;
using MarketSim.Core.Scenarios;

namespace MarketSim.Core.Market;

/// <summary>
/// Who a deal's published party is in the scenario. The book names companies as published ("Amazon Web Services",
/// "OpenAI (and the clouds that build for it)"); each maps to an agent of the same name, to an agent that stands for
/// it (below), or to nobody, and then only the modelled side of the deal has an effect (MODEL.md, Deal book).
/// </summary>
internal sealed class DealParties(World world)
{
    /// <summary>Published names of modelled companies, and parties an agent stands for.</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["Amazon Web Services"] = "AWS",
        ["Amazon"] = "AWS",
        ["Google Cloud"] = "Google",
        // Broadcom builds the clouds' and OpenAI's own accelerators: the in-house chipmaker.
        ["Broadcom"] = "CustomSilicon",
        // Anthropic's 2026 TPU capacity is served through Google Cloud.
        ["Broadcom / Google"] = "Google",
    };

    /// <summary>Neoclouds and AI builders that are not agents; <c>Deals:NeocloudStandIn</c> stands for them.</summary>
    private static readonly HashSet<string> Neoclouds = new(StringComparer.Ordinal)
    {
        "Nebius", "IREN", "Nscale", "Nscale-Aker JV", "Lambda", "Fluidstack", "Cerebras", "Crusoe",
    };

    private readonly string _standIn = world.Scenario.Deals.NeocloudStandIn;

    /// <summary>The company of a scenario a party maps to, or empty when none models it.</summary>
    public static string ModelledAs(string party, Scenario scenario)
    {
        var name = Canonical(party);
        if (Aliases.TryGetValue(name, out var alias)) name = alias;
        else if (Neoclouds.Contains(name)) name = scenario.Deals.NeocloudStandIn;
        var known = scenario.Clouds.ContainsKey(name) || scenario.Labs.ContainsKey(name) || scenario.Chipmakers.ContainsKey(name);
        return known ? name : "";
    }

    /// <summary>
    /// The company a published party names: the first one listed, without what is in parentheses or who it acts
    /// for ("SoftBank (lead), Microsoft, ..." is SoftBank; "TeraWulf (lessor) on behalf of Fluidstack" is TeraWulf).
    /// </summary>
    public static string Canonical(string party)
    {
        if (IsPlainName(party)) return party;
        var text = party;
        int open;
        while ((open = text.IndexOf('(')) >= 0)
        {
            var close = text.IndexOf(')', open);
            text = close < 0 ? text[..open] : text[..open] + text[(close + 1)..];
        }
        var cut = text.IndexOfAny([',', ';']);
        if (cut >= 0) text = text[..cut];
        var behalf = text.IndexOf(" on behalf of", StringComparison.Ordinal);
        if (behalf >= 0) text = text[..behalf];
        return string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>A name Canonical leaves as it is: nothing to cut, single spaces between words, none at either end.</summary>
    private static bool IsPlainName(string party) =>
        party.AsSpan().IndexOfAny("(,;") < 0 && !party.Contains("  ", StringComparison.Ordinal)
        && !party.Contains(" on behalf of", StringComparison.Ordinal)
        && (party.Length == 0 || (party[0] != ' ' && party[^1] != ' '));

    /// <summary>The agent name a party maps to (itself when no alias applies), and whether an agent stands in for it.</summary>
    public (string Name, bool StandIn) NameOf(string party)
    {
        var name = Canonical(party);
        if (Aliases.TryGetValue(name, out var alias)) return (alias, false);
        return Neoclouds.Contains(name) && _standIn.Length > 0 ? (_standIn, true) : (name, false);
    }

    public Cloud? Cloud(string party) => world.CloudNamed(NameOf(party).Name);

    public Chipmaker? Chipmaker(string party)
    {
        var name = NameOf(party).Name;
        return world.Chipmakers.FirstOrDefault(c => c.Name == name);
    }

    public Lab? Lab(string party)
    {
        var name = NameOf(party).Name;
        return world.Labs.FirstOrDefault(l => l.Name == name);
    }

    /// <summary>The lab that buys compute for a party: the lab itself, or the lab a captive builder builds for (Meta: MetaAI).</summary>
    public Lab? Buyer(string party) =>
        Lab(party) ?? (Cloud(party) is { IsCaptive: true } captive ? Lab(captive.Options.CaptiveLab) : null);

    /// <summary>Any company of the scenario a party maps to.</summary>
    public Agent? Agent(string party) => (Agent?)Cloud(party) ?? (Agent?)Chipmaker(party) ?? Lab(party);

    /// <summary>The ids in <c>Deals:Cancel</c>, trimmed, empty entries dropped.</summary>
    public static IEnumerable<string> CancelledIds(DealOptions options) =>
        options.Cancel.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
