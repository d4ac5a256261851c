using System.Reflection;
using ScottPlot;
using SkiaSharp;

namespace MarketSim.Plots.Rendering;

/// <summary>
/// DejaVu Sans regular and bold, shipped inside this assembly and registered with ScottPlot. Without them a machine
/// with no installed fonts renders every figure with its text silently missing.
/// </summary>
public static class EmbeddedFonts
{
    public const string Family = "DejaVu Sans";

    private static readonly Lazy<(SKTypeface Regular, SKTypeface Bold)> Typefaces = new(Register);

    public static SKTypeface Regular => Typefaces.Value.Regular;

    public static SKTypeface Bold => Typefaces.Value.Bold;

    /// <summary>Registers the fonts once (idempotent, thread-safe); every figure calls this before building a plot.</summary>
    public static void EnsureRegistered() => _ = Typefaces.Value;

    private static (SKTypeface, SKTypeface) Register()
    {
        var regular = Load("DejaVuSans.ttf");
        var bold = Load("DejaVuSans-Bold.ttf");
        Fonts.FontResolvers.Insert(0, new Resolver(regular, bold));
        Fonts.Default = Family;
        Fonts.Sans = Family;
        var check = Fonts.GetTypeface(Family, bold: true, italic: false);
        if (check.FamilyName != Family)
        {
            throw new InvalidOperationException(
                $"font registration failed: ScottPlot resolved '{Family}' to '{check.FamilyName}'");
        }
        return (regular, bold);
    }

    private static SKTypeface Load(string file)
    {
        var name = $"MarketSim.Plots.Fonts.{file}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"font registration failed: embedded resource {name} is missing");
        var typeface = SKTypeface.FromStream(stream);
        if (typeface is null || typeface.FamilyName != Family)
        {
            throw new InvalidOperationException($"font registration failed: {name} is not a readable {Family} font");
        }
        return typeface;
    }

    private sealed class Resolver(SKTypeface regular, SKTypeface bold) : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
            fontName == Family ? ((int)weight >= (int)FontWeight.SemiBold ? bold : regular) : null;

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            CreateTypeface(fontName, bold ? FontWeight.Bold : FontWeight.Normal, FontSlant.Upright, FontSpacing.Normal);
    }
}
