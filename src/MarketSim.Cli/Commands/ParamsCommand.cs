using System.CommandLine;
using System.Globalization;
using MarketSim.Core.Scenarios;
using MarketSim.Data.Csv;
using Spectre.Console;

namespace MarketSim.Cli.Commands;

/// <summary>
/// <c>marketsim params</c>: every scenario key, scenario-wide and per agent, with its type, default, unit, range,
/// source and allowed values, as a table for reading or as CSV for tools.
/// </summary>
internal static class ParamsCommand
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var format = new Option<string>("--format")
        {
            Description = "table (for reading) or csv (key,type,default,unit,min,max,source,allowed)",
            DefaultValueFactory = _ => "table",
        };
        format.Validators.Add(result =>
        {
            if (result.Tokens is [var token] && token.Value is not ("table" or "csv"))
                result.AddError($"--format: '{token.Value}' is not one of the allowed values: table, csv");
        });
        var scenarioOption = ScenarioArguments.Scenario();
        var command = new Command("params", "List every scenario key with its default, unit, range and source")
        {
            format, scenarioOption,
        };
        command.SetAction(parse => ExitCodes.Guard(stderr, () =>
        {
            var scenario = ScenarioLoader.Load(parse.GetValue(scenarioOption), []);
            var rows = ScenarioLoader.ParameterKeys(scenario).Select(Row.Of).ToList();
            if (parse.GetValue(format) == "csv") WriteCsv(stdout, rows);
            else WriteTable(stdout, rows);
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>One key as listed; min and max are empty for keys that are not numbers.</summary>
    internal sealed record Row(string Key, string Type, string Default, string Unit, string Min, string Max, string Source, string Allowed)
    {
        public static Row Of(ParameterKey k)
        {
            var p = k.Parameter;
            var ranged = p is { HasRange: true };
            return new Row(k.Key, k.Type, k.Default, p?.Unit ?? "",
                ranged ? p!.Min.ToString(Invariant) : "", ranged ? p!.Max.ToString(Invariant) : "", p?.Source ?? "",
                k.Allowed is null ? "" : string.Join('|', k.Allowed.Select(a => a.Length == 0 ? "(empty)" : a)));
        }

        /// <summary>What a value may be: the numeric range, the allowed names, or the form of the type.</summary>
        public string Range => Min.Length > 0 ? $"{Min} to {Max}"
            : Allowed.Length > 0 ? Allowed.Replace("|", ", ")
            : Type switch { "bool" => "true, false", "month" => "yyyy-MM", _ => "text" };
    }

    private static void WriteCsv(TextWriter stdout, IReadOnlyList<Row> rows)
    {
        using var csv = new CsvWriter(stdout);
        csv.Header(["key", "type", "default", "unit", "min", "max", "source", "allowed"]);
        foreach (var r in rows)
        {
            csv.Text(r.Key).Text(r.Type).Text(r.Default).Text(r.Unit).Text(r.Min).Text(r.Max).Text(r.Source).Text(r.Allowed);
            csv.EndRow();
        }
        csv.Flush();
    }

    private static void WriteTable(TextWriter stdout, IReadOnlyList<Row> rows)
    {
        var rendered = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(rendered), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        var table = new Table().Border(TableBorder.Minimal);
        table.AddColumn(new TableColumn("key").NoWrap());
        table.AddColumn(new TableColumn("type"));
        table.AddColumn(new TableColumn("default") { Width = 24 });
        table.AddColumn(new TableColumn("unit") { Width = 20 });
        table.AddColumn(new TableColumn("range") { Width = 26 });
        table.AddColumn(new TableColumn("source"));
        foreach (var r in rows)
            table.AddRow(Markup.Escape(r.Key), r.Type, Markup.Escape(r.Default), Markup.Escape(r.Unit), Markup.Escape(r.Range), Markup.Escape(r.Source));
        console.Write(table);
        // The border's empty top and bottom rows and the padding to the full width are left out.
        foreach (var line in rendered.ToString().Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0)) stdout.WriteLine(line);
        stdout.WriteLine($"{rows.Count} keys; agent keys (<name>) show a new agent's defaults. CSV: marketsim params --format csv");
    }
}
