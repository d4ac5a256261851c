using SkiaSharp;

namespace MarketSim.Plots.Tests;

internal static class Pixels
{
    /// <summary>Pixels darker than mid-grey inside a band of rows: text and lines, never the white background.</summary>
    public static int Dark(byte[] png, int top, int bottom, int left = 0, int right = int.MaxValue)
    {
        using var bitmap = SKBitmap.Decode(png);
        var dark = 0;
        for (var y = top; y < Math.Min(bottom, bitmap.Height); y++)
            for (var x = left; x < Math.Min(right, bitmap.Width); x++)
            {
                var c = bitmap.GetPixel(x, y);
                if (c.Red < 110 && c.Green < 110 && c.Blue < 110) dark++;
            }
        return dark;
    }

    public static (int Width, int Height) Size(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        return (bitmap.Width, bitmap.Height);
    }
}
