using MarketSim.Data;
namespace MarketSim.Plots.Rendering;

/// <summary>A figure rendered once, as PNG (for reading and the report) and SVG (for papers).</summary>
public sealed record RenderedFigure(Figure Figure, byte[] Png, string Svg);

/// <summary>Writes figures into DIR/plots as name.png and name.svg, each atomically (name.tmp, then rename).</summary>
public static class FigureFiles
{
    public static IReadOnlyList<RenderedFigure> Render(IReadOnlyList<Figure> figures)
    {
        var rendered = new RenderedFigure[figures.Count];
        // Figures share no state, so rendering them in parallel cannot change their bytes.
        Parallel.For(0, figures.Count, i => rendered[i] = new RenderedFigure(figures[i], figures[i].ToPng(), figures[i].ToSvg()));
        return rendered;
    }

    public static IReadOnlyList<string> Write(IReadOnlyList<Figure> figures, string dir) => Write(Render(figures), dir);

    public static IReadOnlyList<string> Write(IReadOnlyList<RenderedFigure> figures, string dir)
    {
        var plots = Path.Combine(dir, "plots");
        Directory.CreateDirectory(plots);
        var paths = new List<string>();
        foreach (var f in figures)
        {
            paths.Add(Write(Path.Combine(plots, f.Figure.Name + ".png"), f.Png));
            paths.Add(Write(Path.Combine(plots, f.Figure.Name + ".svg"), System.Text.Encoding.UTF8.GetBytes(f.Svg)));
        }
        return paths;
    }

    /// <summary>Writes a file atomically and returns its path.</summary>
    public static string Write(string path, byte[] bytes)
    {
        AtomicFiles.WriteFile(path, bytes);
        return path;
    }
}
