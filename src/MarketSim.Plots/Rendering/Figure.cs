using ScottPlot;
using SkiaSharp;

namespace MarketSim.Plots.Rendering;

/// <summary>
/// One figure: a title and a note (scenario, seed) drawn around one or more ScottPlot panels stacked top to bottom.
/// Drawing the title and note here, not inside a panel, gives multi-panel figures one headline and keeps the note
/// clear of the data.
/// </summary>
public sealed partial class Figure
{
    public const int DefaultWidth = 1200;
    public const int DefaultHeight = 700;
    private const float TitleBand = 50;
    private const float NoteBand = 28;

    public Figure(string name, string title, string caption, string note, IReadOnlyList<Plot> panels)
    {
        if (panels.Count == 0) throw new ArgumentException("a figure needs at least one panel", nameof(panels));
        Name = name;
        Title = title;
        Caption = caption;
        Note = note;
        Panels = panels;
    }

    /// <summary>File stem, e.g. <c>capex_vs_revenue</c> for plots/capex_vs_revenue.png and .svg.</summary>
    public string Name { get; }

    public string Title { get; }

    /// <summary>One sentence for the report.</summary>
    public string Caption { get; }

    public string Note { get; }

    public IReadOnlyList<Plot> Panels { get; }

    public byte[] ToPng(int width = DefaultWidth, int height = DefaultHeight)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        Draw(surface.Canvas, width, height);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    public string ToSvg(int width = DefaultWidth, int height = DefaultHeight)
    {
        using var stream = new MemoryStream();
        using (var wstream = new SKManagedWStream(stream))
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), wstream))
        {
            Draw(canvas, width, height);
        }
        return StableClipIds(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    // Skia numbers SVG clip paths from a process-wide counter, so the same figure drawn twice (or on another thread)
    // would differ; renumbering them in order of appearance makes redraws byte-identical.
    private static string StableClipIds(string svg)
    {
        var ids = new Dictionary<string, string>();
        return ClipId().Replace(svg, m =>
        {
            var id = m.Groups[2].Value;
            if (!ids.TryGetValue(id, out var stable)) ids[id] = stable = "clip" + ids.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return m.Groups[1].Value + stable;
        });
    }

    [System.Text.RegularExpressions.GeneratedRegex("(id=\"|url\\(#)(cl_[0-9a-f]+)")]
    private static partial System.Text.RegularExpressions.Regex ClipId();

    private void Draw(SKCanvas canvas, int width, int height)
    {
        canvas.Clear(SKColors.White);
        var top = string.IsNullOrEmpty(Title) ? 8f : TitleBand;
        var panelHeight = (height - top - NoteBand) / Panels.Count;
        for (var i = 0; i < Panels.Count; i++)
        {
            var y0 = top + i * panelHeight;
            // A panel clears its background; the clip keeps it from wiping the panels drawn before it.
            canvas.Save();
            canvas.ClipRect(new SKRect(0, y0, width, y0 + panelHeight));
            Panels[i].Render(canvas, new PixelRect(0, width, y0 + panelHeight, y0));
            canvas.Restore();
        }
        using var paint = new SKPaint { IsAntialias = true, Color = new SKColor(0x22, 0x22, 0x22) };
        if (!string.IsNullOrEmpty(Title))
        {
            using var titleFont = new SKFont(EmbeddedFonts.Bold, 22);
            // A long title shrinks to fit rather than running off the edge (never below 16 px).
            var fit = titleFont.MeasureText(Title);
            if (fit > width - 24) titleFont.Size = Math.Max(16, 22 * (width - 24) / fit);
            canvas.DrawText(Title, width / 2f, 31, SKTextAlign.Center, titleFont, paint);
        }
        using var noteFont = new SKFont(EmbeddedFonts.Regular, 14);
        paint.Color = new SKColor(0x44, 0x44, 0x44);
        canvas.DrawText(Note, width - 12, height - 9, SKTextAlign.Right, noteFont, paint);
    }
}
