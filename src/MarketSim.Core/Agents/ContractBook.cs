using System.Numerics.Tensors;

namespace MarketSim.Core.Agents;

/// <summary>
/// The compute contracts a lab or a cloud holds, in the order they were signed, with the H100e contracted and their
/// value per hour (H100e x USD per H100e-hour) totalled by month as contracts are signed: the month asks for a total
/// instead of walking a list that holds about a hundred contracts per lab by the end of a run.
/// </summary>
/// <remarks>
/// A month's total adds the same volumes in the same order as a walk of the list does (a contract not running that
/// month adds nothing, and adding zero changes no sum), so it is the same number to the last bit. A broken contract's
/// volume cannot be taken back out of a sum without changing the bits, so after a break the months ahead are totalled
/// again from the list. Months before the last one the list was pruned in are walked as before: the totals still
/// count contracts dropped from the list since.
/// </remarks>
internal sealed class ContractBook
{
    private readonly List<ComputeContract> _contracts;
    private double[] _volume, _value;
    // The totals hold for steps from here on; a break asks for them to be worked out again from here.
    private int _from;
    private bool _stale;
    // Pruning drops only contracts broken or ended, so until a break or the earliest end it has nothing to drop.
    private int _earliestEnd = int.MaxValue;
    private bool _brokenSincePruned;

    /// <param name="steps">Steps the totals are expected to reach (they grow if a contract ends later).</param>
    /// <param name="storage">The run's storage, whose arrays and list the next run reuses once the result is recycled.</param>
    public ContractBook(int steps, Engine.RunStorage? storage = null)
    {
        _contracts = storage?.List<ComputeContract>() ?? [];
        _volume = storage?.Doubles(steps) ?? new double[steps];
        _value = storage?.Doubles(steps) ?? new double[steps];
    }

    /// <summary>
    /// Steps a world's contract books should be sized for: the last month of a contract the procurement rule signs in
    /// the run's last month.
    /// </summary>
    public static int StepsFor(Engine.World world) =>
        world.Clock.Horizon + world.Scenario.Procurement.StartInMonths + world.Scenario.Procurement.ContractMonths;

    public IReadOnlyList<ComputeContract> Contracts => _contracts;

    /// <summary>
    /// The contracts for the market's and the built-in rules' walks: no interface call per contract, which sweep
    /// workers (without profile-guided compilation) would make twice per contract each time. Valid until the next
    /// contract is signed or the list is pruned.
    /// </summary>
    public ReadOnlySpan<ComputeContract> AsSpan() => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_contracts);

    public void Add(ComputeContract contract)
    {
        _contracts.Add(contract);
        _earliestEnd = Math.Min(_earliestEnd, contract.EndStep);
        if (!_stale) Count(contract, _from);
    }

    /// <summary>Drops the contracts over by this step, keeping the others in order.</summary>
    public void RemoveEnded(int step)
    {
        _from = Math.Max(_from, step);
        if (step < _earliestEnd && !_brokenSincePruned) return; // none is over (each month, most books)
        _earliestEnd = ComputeContract.RemoveEnded(_contracts, step);
        _brokenSincePruned = false;
    }

    /// <summary>A contract was broken this step: it counts for nothing from now on.</summary>
    public void Broke(int step)
    {
        _from = Math.Max(_from, step);
        _stale = true;
        _brokenSincePruned = true;
    }

    /// <summary>All contracts end at once (their holder defaulted).</summary>
    public void Clear(int step)
    {
        _contracts.Clear();
        Broke(step);
    }

    /// <summary>H100e contracted in a step.</summary>
    public double VolumeAt(int step)
    {
        if (step < _from) return WalkVolume(step);
        if (_stale) Recount();
        return step < _volume.Length ? _volume[step] : 0;
    }

    /// <summary>What the H100e contracted in a step cost per hour, H100e x USD per H100e-hour.</summary>
    public double ValueAt(int step)
    {
        if (step < _from) return WalkValue(step);
        if (_stale) Recount();
        return step < _value.Length ? _value[step] : 0;
    }

    private double WalkVolume(int step)
    {
        double sum = 0;
        for (var i = 0; i < _contracts.Count; i++) sum += _contracts[i].VolumeAt(step);
        return sum;
    }

    private double WalkValue(int step)
    {
        double sum = 0;
        for (var i = 0; i < _contracts.Count; i++)
        {
            var c = _contracts[i];
            sum += c.VolumeAt(step) * c.PricePerH100eHour;
        }
        return sum;
    }

    private void Recount()
    {
        _stale = false;
        if (_from < _volume.Length)
        {
            Array.Clear(_volume, _from, _volume.Length - _from);
            Array.Clear(_value, _from, _value.Length - _from);
        }
        for (var i = 0; i < _contracts.Count; i++) Count(_contracts[i], _from);
    }

    /// <summary>
    /// Adds a contract's volume and value to the totals of its months from a step on: month by month through its
    /// ramp, then the same full volume and value to every month left, a vector of months at a time (each month's
    /// total gets the same addition as month by month). A broken contract adds nothing.
    /// </summary>
    private void Count(ComputeContract contract, int fromStep)
    {
        var first = Math.Max(fromStep, contract.StartStep);
        var end = contract.EndStep;
        if (end > _volume.Length) Grow(end);
        if (contract.Broken || first >= end) return;
        var price = contract.PricePerH100eHour;
        // VolumeAt is the full volume from the ramp's last month on.
        var fullFrom = Math.Clamp((long)contract.StartStep + contract.RampMonths - 1, first, end);
        var s = first;
        for (; s < fullFrom; s++)
        {
            var v = contract.VolumeAt(s);
            _volume[s] += v;
            _value[s] += v * price;
        }
        var full = contract.VolumeH100e;
        TensorPrimitives.Add(_volume.AsSpan(s, end - s), full, _volume.AsSpan(s, end - s));
        TensorPrimitives.Add(_value.AsSpan(s, end - s), full * price, _value.AsSpan(s, end - s));
    }

    private void Grow(int steps)
    {
        var length = Math.Max(steps, 2 * _volume.Length);
        Array.Resize(ref _volume, length);
        Array.Resize(ref _value, length);
    }
}
