using MarketSim.Data.Parquet;

namespace MarketSim.Data.Tests;

public sealed class ParquetTableTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_table_of_several_row_groups_reads_back_as_the_same_CSV()
    {
        const string csv = "run_id,design_row,replication,seed,Demand:PriceElasticity,Policies:Pricing\n" +
            "0,0,0,11,0.1,Cost\n1,0,1,12,1E-300,Markup\n2,1,0,13,,\"Cost, with \"\"care\"\"\"\n3,1,1,14,NaN,Cost\n" +
            "4,2,0,15,-0,Cost\n5,2,1,16,1.7976931348623157E+308,Cost\n6,3,0,17,0.30000000000000004,Cost\n";
        File.WriteAllText(_dir["design.csv"], csv);
        Assert.Equal(7, ParquetTables.FromCsv(_dir["design.csv"], _dir["design.parquet"], rowGroupRows: 3));
        using var back = new StreamReader(ParquetTables.ToCsv(_dir["design.parquet"]));
        Assert.Equal(csv, back.ReadToEnd());
    }

    [Fact]
    public void An_empty_table_keeps_its_header()
    {
        File.WriteAllText(_dir["summary.csv"], "run_id,metric,value\n");
        Assert.Equal(0, ParquetTables.FromCsv(_dir["summary.csv"], _dir["summary.parquet"]));
        using var back = new StreamReader(ParquetTables.ToCsv(_dir["summary.parquet"]));
        Assert.Equal("run_id,metric,value\n", back.ReadToEnd());
    }

    [Fact]
    public void A_file_that_is_not_a_whole_Parquet_table_is_one_line_naming_it()
    {
        File.WriteAllText(_dir["summary.parquet"], "run_id,metric,value\n0,x,1\n");
        var e = Assert.Throws<DataFileException>(() => new StreamReader(ParquetTables.ToCsv(_dir["summary.parquet"])).ReadToEnd());
        Assert.StartsWith(_dir["summary.parquet"] + ": not a whole Parquet table", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
