using System.Text;
using MarketSim.Data.Csv;
using MarketSim.Data.Sweeps;

namespace MarketSim.Data.Tests;

/// <summary>
/// design.csv through the reader's memory of each column's last two texts: every value comes back exactly as
/// written, whatever the line ends, BOM or quoting, and a text that recurs in a column is handed back as the same string.
/// </summary>
public sealed class DesignReaderTests : IDisposable
{
    private static readonly string[] Columns = [.. SweepFiles.DesignRunColumns, "a", "b", "c"];
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    // Row by row, the parameter values as design.csv spells them after unquoting.
    private static readonly string[][] Expected =
    [
        ["0.5", "1E-07", "x,y"],
        ["0.5", "1e-07", "x,y"], // the same number spelled otherwise stays as written
        ["0.50", "1E-07", "say \"hi\""], // a longer text that starts with the last one
        ["0.5", "", "x,y"], // two rows back, and an empty field
        ["0.5", "-2.5E+300", "été"], // the quoted "0.5" is the text 0.5; a non-ASCII text
        ["0.5", "-2.5E+300", "été"],
    ];

    private const string Text =
        "run_id,design_row,replication,seed,a,b,c\n" +
        "0,0,0,7,0.5,1E-07,\"x,y\"\n" +
        "1,1,0,-3,0.5,1e-07,\"x,y\"\n" +
        "2,2,0,9,0.50,1E-07,\"say \"\"hi\"\"\"\n" +
        "3,3,0,11,0.5,,\"x,y\"\n" +
        "4,4,0,13,\"0.5\",-2.5E+300,été\n" +
        "5,5,0,15,0.5,-2.5E+300,été\n";

    private TableRows<DesignedRun> Read(string text, string name, bool bom = false)
    {
        var path = _dir[name];
        File.WriteAllBytes(path, [.. bom ? "\uFEFF"u8.ToArray() : [], .. Encoding.UTF8.GetBytes(text)]);
        return CsvTable.Read<DesignedRun>(path, Columns);
    }

    [Fact]
    public void EveryValueComesBackAsWrittenWithAnyLineEndOrBom()
    {
        var unix = Read(Text, "lf.csv");
        var windows = Read(Text.Replace("\n", "\r\n"), "crlf.csv", bom: true);
        foreach (var rows in new[] { unix, windows })
        {
            Assert.Equal(Expected, rows.Select(r => r.Values.ToArray()));
            Assert.Equal([7, -3, 9, 11, 13, 15], rows.Select(r => r.Seed));
        }
    }

    [Fact]
    public void ARecurringTextIsTheSameStringOnlyWhenItIsTheSameText()
    {
        var rows = Read(Text, "design.csv");
        Assert.Same(rows[0].Values[0], rows[3].Values[0]); // two rows back in the column, past "0.50"
        Assert.Same(rows[0].Values[0], rows[4].Values[0]); // quoted or not
        Assert.Same(rows[4].Values[2], rows[5].Values[2]);
        Assert.NotEqual(rows[0].Values[1], rows[1].Values[1]);
        Assert.NotEqual(rows[2].Values[0], rows[3].Values[0]);
    }

    [Fact]
    public void ValuesRecurAsTheSameStringBeyondTheNamesTheReaderPools()
    {
        // As in a Saltelli design: each value appears in two neighbouring rows, 70,000 distinct values in all.
        var text = new StringBuilder("run_id,design_row,replication,seed,a,b,c\n");
        for (var i = 0; i < 140_000; i++) text.Append($"{i},{i},0,1,{i / 2}.25,1,2\n");
        var rows = Read(text.ToString(), "large.csv");
        for (var i = 0; i < rows.Count; i += 2)
        {
            Assert.Equal($"{i / 2}.25", rows[i].Values[0]);
            Assert.Same(rows[i].Values[0], rows[i + 1].Values[0]);
        }
    }

    [Fact]
    public void ASeedThatIsNotAWholeNumberIsRefusedNamingItsLine()
    {
        var path = _dir["bad.csv"];
        File.WriteAllText(path, "run_id,design_row,replication,seed,a,b,c\n0,0,0,1.5,0.5,1,2\n");
        var message = Assert.Throws<DataFileException>(() => CsvTable.Read<DesignedRun>(path, Columns)).Message;
        Assert.Equal($"{path} line 2: seed '1.5' is not a whole number", message);
    }
}
