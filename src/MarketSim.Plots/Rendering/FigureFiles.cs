namespace MarketSim.Plots.Rendering;

/// <summary>Writes figures into DIR/plots as name.png and name.svg, each atomically (name.tmp, then rename).</summary>
public static class FigureFiles
{
    public static IReadOnlyList<string> Write(IReadOnlyList<Figure> figures, string dir)
    {
        var plots = Path.Combine(dir, "plots");
        Directory.CreateDirectory(plots);
        var rendered = new (byte[] Png, string Svg)[figures.Count];
        // Panels are independent objects, so rendering them in parallel cannot change their bytes.
        Parallel.For(0, figures.Count, i => rendered[i] = (figures[i].ToPng(), figures[i].ToSvg()));
        var paths = new List<string>();
        for (var i = 0; i < figures.Count; i++)
        {
            paths.Add(WriteAtomically(Path.Combine(plots, figures[i].Name + ".png"), rendered[i].Png));
            paths.Add(WriteAtomically(Path.Combine(plots, figures[i].Name + ".svg"),
                System.Text.Encoding.UTF8.GetBytes(rendered[i].Svg)));
        }
        return paths;
    }

    public static string WriteAtomically(string path, byte[] bytes)
    {
        var tmp = path + ".tmp";
        File.WriteAllBytes(tmp, bytes);
        File.Move(tmp, path, overwrite: true);
        return path;
    }
}
