using System.Globalization;
using System.Net;
using System.Text;

namespace MarketSim.Plots.Report;

/// <summary>A tiny builder for the report's self-contained HTML: inline CSS, figures as data URIs, no network.</summary>
internal sealed class Html
{
    private const string Style =
        "body{font-family:'DejaVu Sans',Verdana,sans-serif;max-width:1240px;margin:24px auto;padding:0 16px;" +
        "color:#222;line-height:1.45;font-size:16px}h1{font-size:26px}h2{font-size:21px;margin-top:32px}" +
        ".answer{font-size:19px;background:#f3f6fa;border-left:5px solid #0072B2;padding:12px 16px}" +
        "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:4px 10px;text-align:left}" +
        "td.num{text-align:right;font-variant-numeric:tabular-nums}figure{margin:24px 0}" +
        "figure img{max-width:100%;height:auto;border:1px solid #ddd}figcaption{color:#444;margin-top:6px}" +
        ".muted{color:#666}";

    // Counts figures that actually decoded, so a headless browser can check the report without a screenshot.
    private const string ImageCheck =
        "<script>window.addEventListener('load',function(){var im=document.images,n=0;" +
        "for(var i=0;i<im.length;i++){if(im[i].complete&&im[i].naturalWidth>0)n++;}" +
        "document.body.setAttribute('data-images-loaded',n+'/'+im.length);});</script>";

    private readonly StringBuilder _body = new();

    public static string E(string text) => WebUtility.HtmlEncode(text);

    public Html H1(string text) => Raw($"<h1>{E(text)}</h1>\n");

    public Html H2(string text) => Raw($"<h2>{E(text)}</h2>\n");

    public Html P(string text, string? cssClass = null) =>
        Raw(cssClass is null ? $"<p>{E(text)}</p>\n" : $"<p class=\"{cssClass}\">{E(text)}</p>\n");

    public Html Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        _body.Append("<table><thead><tr>");
        foreach (var h in header) _body.Append("<th>").Append(E(h)).Append("</th>");
        _body.Append("</tr></thead><tbody>\n");
        foreach (var row in rows)
        {
            _body.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                _body.Append(i == 0 ? "<td>" : "<td class=\"num\">").Append(E(row[i])).Append("</td>");
            }
            _body.Append("</tr>\n");
        }
        return Raw("</tbody></table>\n");
    }

    public Html Figure(string title, string caption, byte[] png) =>
        Raw($"<figure><img alt=\"{E(title)}\" width=\"1200\" height=\"700\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\">" +
            $"<figcaption>{E(caption)}</figcaption></figure>\n");

    public Html Raw(string html)
    {
        _body.Append(html);
        return this;
    }

    public string Page(string title) =>
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">" +
        $"<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{E(title)}</title>" +
        $"<style>{Style}</style></head>\n<body>\n{_body}{ImageCheck}\n</body></html>\n";

    public static string Number(double v, string format = "N1") =>
        double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "undefined";

    public static string Usd(double v) =>
        !double.IsFinite(v) ? "undefined"
        : v < 0 ? "-$" + Number(-v) + " bn" : "$" + Number(v) + " bn";

    public static string Percent(double fraction, string format = "0.0") =>
        double.IsFinite(fraction) ? (100 * fraction).ToString(format, CultureInfo.InvariantCulture) + "%" : "undefined";
}
