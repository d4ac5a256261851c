using ScottPlot;

namespace MarketSim.Plots.Rendering;

/// <summary>
/// Colour-blind-safe colours. Clouds take the Okabe-Ito palette, labs and chipmakers Paul Tol's "muted" palette, so
/// each company keeps one colour in every figure; labs are also drawn dashed so they never rely on colour alone.
/// </summary>
public static class CompanyColors
{
    public static readonly IReadOnlyList<string> Clouds = ["AWS", "Microsoft", "Google", "Oracle", "CoreWeave", "Meta"];
    public static readonly IReadOnlyList<string> Labs = ["OpenAI", "Anthropic", "GoogleDeepMind", "MetaAI", "xAI"];
    public static readonly IReadOnlyList<string> Chipmakers = ["Nvidia", "AMD", "CustomSilicon"];

    private static readonly Dictionary<string, Color> ByCompany = new()
    {
        // Okabe-Ito
        ["AWS"] = Color.FromHex("#E69F00"),
        ["Microsoft"] = Color.FromHex("#56B4E9"),
        ["Google"] = Color.FromHex("#009E73"),
        ["Oracle"] = Color.FromHex("#D55E00"),
        ["CoreWeave"] = Color.FromHex("#0072B2"),
        ["Meta"] = Color.FromHex("#CC79A7"),
        // Paul Tol muted
        ["OpenAI"] = Color.FromHex("#332288"),
        ["Anthropic"] = Color.FromHex("#CC6677"),
        ["GoogleDeepMind"] = Color.FromHex("#117733"),
        ["MetaAI"] = Color.FromHex("#AA4499"),
        ["xAI"] = Color.FromHex("#DDCC77"),
        ["Nvidia"] = Color.FromHex("#999933"),
        ["AMD"] = Color.FromHex("#882255"),
        ["CustomSilicon"] = Color.FromHex("#44AA99"),
    };

    public static readonly Color Black = Color.FromHex("#000000");
    public static readonly Color Blue = Color.FromHex("#0072B2");
    public static readonly Color Vermillion = Color.FromHex("#D55E00");
    public static readonly Color Orange = Color.FromHex("#E69F00");
    public static readonly Color SkyBlue = Color.FromHex("#56B4E9");
    public static readonly Color Green = Color.FromHex("#009E73");
    public static readonly Color Purple = Color.FromHex("#CC79A7");
    public static readonly Color Grey = Color.FromHex("#BBBBBB");

    /// <summary>A company's colour; an unknown agent gets a neutral grey rather than a clash with a known one.</summary>
    public static Color Of(string company) => ByCompany.TryGetValue(company, out var c) ? c : Color.FromHex("#777777");

    public static bool IsLab(string company) => Labs.Contains(company);
}
