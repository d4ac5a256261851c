namespace MarketSim.Core.Engine;

/// <summary>
/// Conservation checked at the end of every step: the ledger sums to zero (money only moves), and each cloud's
/// installed compute equals last month's plus deliveries less retirements. A broken check stops the run.
/// </summary>
public static class StepCheck
{
    public static void Verify(World world, double openingInstalledH100e)
    {
        var total = world.Ledger.Total();
        if (Math.Abs(total) > world.Ledger.Tolerance)
            throw new InvalidOperationException($"money not conserved at {world.Clock.DateText}: ledger total {total:R}");
        double delivered = 0, retired = 0, installed = 0;
        foreach (var c in world.Clouds)
        {
            delivered += c.DeliveredThisStep;
            retired += c.RetiredThisStep;
            installed += c.InstalledH100e;
        }
        var expected = openingInstalledH100e + delivered - retired;
        // Round-off scales with what moved, not with what is left: a fleet of 2e11 H100e retired whole leaves 0.002.
        if (Math.Abs(installed - expected) > 1e-6 * Math.Max(1, openingInstalledH100e + delivered + retired))
            throw new InvalidOperationException($"capacity not conserved at {world.Clock.DateText}: installed {installed:R}, expected {expected:R}");
        foreach (var c in world.Chipmakers)
            if (Math.Abs(c.ShippedThisStep - c.ShippedToCloudsThisStep - c.ShippedToOthersThisStep) > 1e-6 * Math.Max(1, c.ShippedThisStep))
                throw new InvalidOperationException($"{c.Name} shipped {c.ShippedThisStep:R} H100e but delivered {c.ShippedToCloudsThisStep + c.ShippedToOthersThisStep:R}");
        double cloudDelivered = 0;
        foreach (var c in world.Chipmakers) cloudDelivered += c.ShippedToCloudsThisStep;
        if (Math.Abs(cloudDelivered - delivered) > 1e-6 * Math.Max(1, delivered))
            throw new InvalidOperationException($"chipmakers shipped {cloudDelivered:R} H100e to clouds but clouds installed {delivered:R}");
    }
}
