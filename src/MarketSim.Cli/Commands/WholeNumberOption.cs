using System.CommandLine;
using System.Globalization;
using System.Numerics;

namespace MarketSim.Cli.Commands;

/// <summary>
/// A whole-number option checked at parse time: a value that is not a whole number, or lies outside its range, is one
/// line naming the option and quoting the value exactly as typed (never a wrapped or defaulted number).
/// </summary>
internal static class WholeNumberOption
{
    public static Option<int> Create(string name, string description, int defaultValue, int min, int max = int.MaxValue,
        string? why = null)
    {
        var option = new Option<int>(name) { Description = $"{description} ({Range(min, max)})", DefaultValueFactory = _ => defaultValue };
        option.CustomParser = result =>
        {
            if (result.Tokens is not [var token]) return defaultValue;
            var text = token.Value;
            // BigInteger, so that a number too large for any integer type is still reported as out of range.
            if (!BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                result.AddError($"{name}: '{text}' is not a whole number; allowed {Range(min, max)}");
            else if (value < min || value > max)
                result.AddError($"{name}: {text} is out of range; allowed {Range(min, max)}" + (why is null ? "" : $" ({why})"));
            else
                return (int)value;
            return defaultValue;
        };
        return option;
    }

    public static string Range(int min, int max) => $"{min} to {max}";
}
