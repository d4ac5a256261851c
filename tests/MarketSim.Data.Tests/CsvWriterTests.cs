using System.Text;
using MarketSim.Data.Csv;

namespace MarketSim.Data.Tests;

public sealed class CsvWriterTests
{
    private static string Row(Action<CsvWriter> fields)
    {
        var text = new StringBuilder();
        using (var csv = new CsvWriter(text))
        {
            fields(csv);
            csv.EndRow();
        }
        return text.ToString();
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("carriage\rreturn", "\"carriage\rreturn\"")]
    [InlineData(" padded", "\" padded\"")]
    [InlineData("padded ", "\"padded \"")]
    [InlineData("inner space", "inner space")]
    [InlineData("", "")]
    public void FieldsAreQuotedOnlyWhenAReaderWouldOtherwiseMisreadThem(string field, string written) =>
        Assert.Equal(written + "\n", Row(csv => csv.Text(field)));

    [Fact]
    public void NumbersRoundTripInInvariantForm() =>
        Assert.Equal("0.1,1E-07,NaN,-Infinity,0.3333333333333333,-0,42,1\n",
            Row(csv => csv.Number(0.1).Number(1e-7).Number(double.NaN).Number(double.NegativeInfinity).Number(1.0 / 3)
                .Number(-0.0).Integer(42).Flag(true)));

    [Fact]
    public void AbsentOptionalNumbersAreEmpty() => Assert.Equal(",2.5\n", Row(csv => csv.Number((double?)null).Number((double?)2.5)));

    [Fact]
    public void TheHeaderIsNotCountedAsARow()
    {
        var text = new StringBuilder();
        using var csv = new CsvWriter(text);
        csv.Header(["metric", "value"]);
        csv.Text("defaults").Number(0).EndRow();
        Assert.Equal(1, csv.Rows);
        Assert.Equal("metric,value\ndefaults,0\n", text.ToString());
    }
}
