using MarketSim.Core.Agents;

namespace MarketSim.Core.Summary;

/// <summary>Economic life as an outcome: how old accelerators were when their owners retired them.</summary>
public static class FleetLife
{
    /// <summary>
    /// Mean age at retirement, in years, weighted by H100e, of every vintage retired during the run (opening vintages
    /// included, at their age since installation); NaN when none retired. Fleets lost in a default are not retirements.
    /// </summary>
    public static double MeanRetirementAgeYears(IEnumerable<Cloud> clouds)
    {
        double weighted = 0, h100e = 0;
        foreach (var cloud in clouds)
            foreach (var v in cloud.RetiredVintages)
            {
                weighted += v.H100e * (v.RetiredStep!.Value - v.InstalledStep);
                h100e += v.H100e;
            }
        return h100e > 0 ? weighted / h100e / 12 : double.NaN;
    }
}
