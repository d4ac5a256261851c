namespace MarketSim.Core.Scenarios.Binding;

/// <summary>Checks that need the whole resolved scenario: names that refer to other agents, and the clock.</summary>
internal static class ScenarioRules
{
    public static Scenario Check(Scenario s)
    {
        if (s.Clock.End <= s.Clock.Start)
            throw new ScenarioException($"Clock:End: {s.Clock.End} must be after Clock:Start {s.Clock.Start}");

        var d = s.Demand;
        var shares = d.Consumer.Share + d.Enterprise.Share + d.Agentic.Share;
        if (Math.Abs(shares - 1) > 1e-9)
            throw new ScenarioException(
                $"Demand:Consumer:Share, Demand:Enterprise:Share, Demand:Agentic:Share: must sum to 1, not {shares.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

        var lab = s.Shocks.LabDefault.Lab;
        if (!s.Labs.ContainsKey(lab))
            throw new ScenarioException($"Shocks:LabDefault:Lab: '{lab}' is not a lab in the scenario; labs: {Names(s.Labs)}");

        foreach (var id in Market.DealParties.CancelledIds(s.Deals))
            if (!Market.DealBook.Contains(id))
                throw new ScenarioException($"Deals:Cancel: '{id}' is not a deal in the deal book; `marketsim deals` lists the ids");
        var standIn = s.Deals.NeocloudStandIn;
        if (s.Deals.Enabled && standIn.Length > 0 && !s.Clouds.ContainsKey(standIn))
            throw new ScenarioException($"Deals:NeocloudStandIn: '{standIn}' is not a cloud in the scenario; clouds: {Names(s.Clouds)}, or empty");

        foreach (var (name, cloud) in s.Clouds)
            if (cloud.CaptiveLab.Length > 0 && !s.Labs.ContainsKey(cloud.CaptiveLab))
                throw new ScenarioException(
                    $"Clouds:{name}:CaptiveLab: '{cloud.CaptiveLab}' is not a lab in the scenario; labs: {Names(s.Labs)}, or empty");

        foreach (var (name, labOptions) in s.Labs)
            if (labOptions.HomeCloud.Length > 0 && !s.Clouds.ContainsKey(labOptions.HomeCloud))
                throw new ScenarioException(
                    $"Labs:{name}:HomeCloud: '{labOptions.HomeCloud}' is not a cloud in the scenario; clouds: {Names(s.Clouds)}, or empty");
        return s;
    }

    private static string Names<T>(IReadOnlyDictionary<string, T> table) =>
        table.Count == 0 ? "(none)" : string.Join(", ", table.Keys.Order(StringComparer.Ordinal));
}
