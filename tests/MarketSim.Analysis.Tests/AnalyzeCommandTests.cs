using MarketSim.Cli;

namespace MarketSim.Analysis.Tests;

public class AnalyzeCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static (int Code, string Out, string Err) Analyze(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Program.Invoke(["analyze", .. args], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string Sweep(SyntheticSweep sweep, string name = "sweep") => sweep.Write(Path.Combine(_temp.Path, name));

    private static string[] Lines(string dir, string file) =>
        File.ReadAllText(Path.Combine(dir, "analysis", file)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Saltelli_sweep_gets_indices_verdict_and_boxes()
    {
        var dir = Sweep(new SyntheticSweep());
        var (code, stdout, stderr) = Analyze(dir, "--bootstrap", "200");

        Assert.Equal(0, code);
        var files = Directory.GetFiles(Path.Combine(dir, "analysis")).Select(f => Path.GetFileName(f)!).Order().ToArray();
        Assert.Equal(["delta.csv", "feature_scores.csv", "pawn.csv", "scenario_discovery.csv", "sobol_convergence.csv", "sobol_indices.csv", "verdict.csv"], files);
        Assert.Single(Directory.GetDirectories(dir));

        var sobol = Lines(dir, "sobol_indices.csv");
        Assert.Equal("metric,parameter,S1,S1_conf,ST,ST_conf", sobol[0]);
        // defaults is constant: no rows; the four varying metrics get one row per parameter.
        Assert.Equal(1 + 4 * 4, sobol.Length);
        Assert.DoesNotContain(sobol, l => l.StartsWith("defaults,"));
        Assert.Contains("constant", stderr);
        var npv = sobol.Where(l => l.StartsWith("cohort_2026_2027_npv_usd_bn,")).Select(l => l.Split(',')).ToArray();
        var byTotal = npv.OrderByDescending(f => double.Parse(f[4], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal("Demand:Growth", byTotal[0][1]);

        Assert.Contains("justified in", stdout);
        Assert.Contains("top parameters by total Sobol index (ST) for cohort_2026_2027_npv_usd_bn: Demand:Growth", stdout);

        var verdict = Lines(dir, "verdict.csv");
        Assert.Equal("group,runs,justified,share,ci_low,ci_high", verdict[0]);
        Assert.Equal(["all", "Policy:OpenWeights=false", "Policy:OpenWeights=true", "Market:Regime=calm",
            "Market:Regime=boom", "Market:Regime=bust"], verdict.Skip(1).Select(l => l.Split(',')[0]));
        Assert.StartsWith($"all,{64 * 6 * 2},", verdict[1]);

        var boxes = Lines(dir, "scenario_discovery.csv");
        Assert.Equal("target,box,step,selected,coverage,density,mass,parameter,low,high,phase,values,qp_low,qp_high", boxes[0]);
        Assert.StartsWith("not_justified,1,0,", boxes[1]);
        Assert.EndsWith(",1,,,,start,,,", boxes[1]);
        Assert.Contains(boxes, l => l.StartsWith("justified,1,0,"));
        Assert.Single(boxes.Skip(1).Where(l => l.StartsWith("not_justified,")).Select(l => l.Split(','))
            .Where(f => f[1] == "1" && f[3] == "1").Select(f => f[2]).Distinct());
    }

    [Fact]
    public void Reanalysing_gives_byte_identical_files_and_replaces_the_old_directory()
    {
        var dir = Sweep(new SyntheticSweep(SecondOrder: true, Blocks: 32));
        Assert.Equal(0, Analyze(dir, "--bootstrap", "100").Code);
        var first = Directory.GetFiles(Path.Combine(dir, "analysis")).Order().Select(File.ReadAllBytes).ToArray();
        File.WriteAllText(Path.Combine(dir, "analysis", "stale.csv"), "x\n");

        Assert.Equal(0, Analyze(dir, "--bootstrap", "100").Code);
        var files = Directory.GetFiles(Path.Combine(dir, "analysis")).Order().ToArray();
        Assert.DoesNotContain(files, f => f.EndsWith("stale.csv"));
        Assert.Equal(first, files.Select(File.ReadAllBytes));
        var s2 = Lines(dir, "sobol_s2.csv");
        Assert.Equal("metric,parameter_1,parameter_2,S2,S2_conf", s2[0]);
        Assert.Equal(1 + 4 * 6, s2.Length);
    }

    [Fact]
    public void Morris_sweep_gets_elementary_effects()
    {
        var dir = Sweep(new SyntheticSweep("morris", Blocks: 30));
        var (code, stdout, _) = Analyze(dir);

        Assert.Equal(0, code);
        Assert.False(File.Exists(Path.Combine(dir, "analysis", "sobol_indices.csv")));
        var morris = Lines(dir, "morris.csv");
        Assert.Equal("metric,parameter,mu,mu_star,sigma,mu_star_conf", morris[0]);
        var growth = morris.Single(l => l.StartsWith("cohort_2026_2027_npv_usd_bn,Demand:Growth,")).Split(',');
        // npv is linear in growth with slope 40 per unit: every elementary effect is 40.
        Assert.Equal(40, double.Parse(growth[3], System.Globalization.CultureInfo.InvariantCulture), 6);
        Assert.Contains("top parameters by Morris mu* for cohort_2026_2027_npv_usd_bn: Demand:Growth", stdout);
    }

    [Fact]
    public void Failed_runs_drop_their_block_and_are_reported()
    {
        // Both replications of design row 7 (block 1) failed, and one replication of row 0: that row keeps its mean.
        var dir = Sweep(new SyntheticSweep { FailedRuns = new HashSet<int> { 14, 15, 0 } });
        var (code, _, stderr) = Analyze(dir, "--bootstrap", "50");

        Assert.Equal(0, code);
        Assert.Contains("dropped 1 of 64 Saltelli base samples", stderr);
        Assert.Contains("leave out 3 failed runs", stderr);
        Assert.StartsWith($"all,{64 * 6 * 2 - 3},", Lines(dir, "verdict.csv")[1]);
    }

    [Fact]
    public void A_summary_from_another_model_needs_no_runs_file_and_no_verdict_metric()
    {
        var dir = Sweep(new SyntheticSweep(WriteRuns: false));
        var summary = Path.Combine(dir, "summary.csv");
        File.WriteAllLines(summary, File.ReadAllLines(summary).Where(l => !l.Contains(",justified,")));
        var (code, _, stderr) = Analyze(dir, "--bootstrap", "20");

        Assert.Equal(0, code);
        Assert.True(File.Exists(Path.Combine(dir, "analysis", "sobol_indices.csv")));
        Assert.False(File.Exists(Path.Combine(dir, "analysis", "verdict.csv")));
        Assert.Contains("no 'justified' metric", stderr);
    }

    [Fact]
    public void Other_samplers_get_the_verdict_and_boxes_but_no_indices()
    {
        var dir = Sweep(new SyntheticSweep("lhs", Blocks: 200));
        var (code, _, stderr) = Analyze(dir);

        Assert.Equal(0, code);
        var files = Directory.GetFiles(Path.Combine(dir, "analysis")).Select(f => Path.GetFileName(f)!).Order().ToArray();
        Assert.Equal(["delta.csv", "feature_scores.csv", "pawn.csv", "scenario_discovery.csv", "verdict.csv"], files); // given-data estimators work on any design
        Assert.Contains("sampler 'lhs': no Sobol or Morris indices", stderr);
    }

    [Fact]
    public void Tables_with_CRLF_line_ends_and_a_BOM_analyse_as_the_LF_ones()
    {
        var unix = Sweep(new SyntheticSweep(Blocks: 16), "unix");
        var windows = Sweep(new SyntheticSweep(Blocks: 16), "windows");
        foreach (var file in new[] { "design.csv", "summary.csv", "runs.csv" })
        {
            var path = Path.Combine(windows, file);
            File.WriteAllText(path, File.ReadAllText(path).Replace("\n", "\r\n"), new System.Text.UTF8Encoding(true));
        }
        Assert.Equal(0, Analyze(unix, "--bootstrap", "50").Code);
        Assert.Equal(0, Analyze(windows, "--bootstrap", "50").Code);
        foreach (var file in Directory.GetFiles(Path.Combine(unix, "analysis")).Select(Path.GetFileName))
            Assert.Equal(File.ReadAllBytes(Path.Combine(unix, "analysis", file!)), File.ReadAllBytes(Path.Combine(windows, "analysis", file!)));
    }

    [Fact]
    public void A_summary_cut_mid_value_is_bad_input_naming_the_file_and_line()
    {
        var dir = Sweep(new SyntheticSweep(Blocks: 4));
        var path = Path.Combine(dir, "summary.csv");
        var text = File.ReadAllText(path);
        File.WriteAllText(path, text.TrimEnd('\n')[..^4]); // as a full disk leaves it: the last row cut, no line end
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        AssertRejected(dir, $"{path} line {lines}: the last line has no line end; the file is cut short");
    }

    [Fact]
    public void Missing_directory_is_bad_input()
    {
        var (code, _, stderr) = Analyze(Path.Combine(_temp.Path, "nowhere"));
        Assert.Equal(2, code);
        AssertOneErrorLine(stderr, "sweep directory not found");
    }

    [Theory]
    [InlineData("manifest.json")]
    [InlineData("design.csv")]
    [InlineData("summary.csv")]
    public void Missing_file_is_bad_input(string file)
    {
        var dir = Sweep(new SyntheticSweep(Blocks: 4));
        File.Delete(Path.Combine(dir, file));
        AssertRejected(dir, $"{file}: file not found");
    }

    [Fact]
    public void Summary_run_ids_must_be_in_the_design()
    {
        var dir = Sweep(new SyntheticSweep(Blocks: 4));
        File.AppendAllText(Path.Combine(dir, "summary.csv"), "9999,justified,1\n");
        AssertRejected(dir, "run_id 9999 is not in design.csv");
    }

    [Fact]
    public void Incomplete_saltelli_blocks_are_bad_input()
    {
        var dir = Sweep(new SyntheticSweep(Blocks: 4, Replications: 1));
        // Cut the last design row (run 23) from design and summary: 23 rows is not a whole number of 6-row blocks.
        foreach (var file in new[] { "design.csv", "summary.csv", "runs.csv" })
        {
            var path = Path.Combine(dir, file);
            File.WriteAllLines(path, File.ReadAllLines(path).Where(l => !l.StartsWith("23,")));
        }
        AssertRejected(dir, "design.csv: 23 design rows is not a whole number of Saltelli blocks of 6 rows");
    }

    [Fact]
    public void Non_numeric_values_are_bad_input()
    {
        var dir = Sweep(new SyntheticSweep(Blocks: 4));
        File.AppendAllText(Path.Combine(dir, "summary.csv"), "1,hhi_clouds,high\n");
        AssertRejected(dir, "summary.csv line");
    }

    [Fact]
    public void Design_values_outside_the_manifest_are_bad_input()
    {
        var dir = Sweep(new SyntheticSweep(Blocks: 4));
        var path = Path.Combine(dir, "design.csv");
        var lines = File.ReadAllLines(path);
        lines[1] = string.Join(',', lines[1].Split(',')[..7]) + ",stormy";
        File.WriteAllLines(path, lines);
        AssertRejected(dir, "Market:Regime 'stormy' is not allowed; allowed calm, boom, bust");
    }

    [Fact]
    public void Infinite_values_are_bad_input()
    {
        var dir = Sweep(new SyntheticSweep(Blocks: 4));
        File.AppendAllText(Path.Combine(dir, "summary.csv"), "1,hhi_clouds,Infinity\n");
        AssertRejected(dir, "allowed a finite number or NaN");
    }

    [Fact]
    public void A_morris_step_moving_two_parameters_is_bad_input()
    {
        var dir = Sweep(new SyntheticSweep("morris", Blocks: 3, Replications: 1));
        var path = Path.Combine(dir, "design.csv");
        var lines = File.ReadAllLines(path);
        var first = lines[1].Split(',');
        var second = lines[2].Split(',');
        // Make row 1 differ from row 0 in both continuous parameters.
        second[4] = first[4] == "0" ? "1" : "0";
        second[5] = first[5] == "0.5" ? "2" : "0.5";
        lines[2] = string.Join(',', second);
        File.WriteAllLines(path, lines);
        AssertRejected(dir, "design.csv: trajectory 0 step 1 changes more than one parameter");
    }

    [Fact]
    public void NaN_values_count_as_missing_and_all_NaN_metrics_are_skipped()
    {
        var dir = Sweep(new SyntheticSweep(Blocks: 8));
        File.AppendAllLines(Path.Combine(dir, "summary.csv"),
            Enumerable.Range(0, 8 * 6 * 2).Select(id => $"{id},cohort_2026_2027_payback_year,NaN"));
        var (code, _, stderr) = Analyze(dir, "--bootstrap", "20");

        Assert.Equal(0, code);
        Assert.Contains("cohort_2026_2027_payback_year", stderr);
        Assert.DoesNotContain(Lines(dir, "sobol_indices.csv"), l => l.StartsWith("cohort_2026_2027_payback_year,"));
        // The irr is NaN for very negative NPVs: those blocks are dropped for irr only.
        Assert.Contains("Saltelli base samples with failed or missing runs for cohort_2026_2027_irr", stderr);
    }

    [Fact]
    public void Runs_without_a_verdict_count_neither_way()
    {
        var dir = Sweep(new SyntheticSweep("lhs", Blocks: 200, Replications: 1));
        var summary = Path.Combine(dir, "summary.csv");
        // A run that ends before 2028 writes an empty verdict: the first 50 runs here.
        File.WriteAllLines(summary, File.ReadAllLines(summary).Select(l =>
            l.Split(',') is [var id, "justified", _] && int.Parse(id) < 50 ? $"{id},justified," : l));
        var (code, _, stderr) = Analyze(dir);

        Assert.Equal(0, code);
        var all = Lines(dir, "verdict.csv")[1].Split(',');
        Assert.Equal("all", all[0]);
        Assert.Equal("150", all[1]);
        Assert.Contains("leave out 50 failed runs or runs without a verdict", stderr);
    }

    [Fact]
    public void A_bad_bootstrap_count_is_bad_input()
    {
        var dir = Sweep(new SyntheticSweep(Blocks: 4));
        var (code, _, stderr) = Analyze(dir, "--bootstrap", "many");
        Assert.Equal(2, code);
        AssertOneErrorLine(stderr, "--bootstrap: many is not allowed");
    }

    private static void AssertRejected(string dir, string expected)
    {
        var (code, stdout, stderr) = Analyze(dir);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        AssertOneErrorLine(stderr, expected);
        Assert.Empty(Directory.GetDirectories(dir));
    }

    private static void AssertOneErrorLine(string stderr, string expected)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0]);
        Assert.Contains(expected, lines[0]);
    }
}

public class AnalyzeFocusAndPrimOptionTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static (int Code, string Err) Analyze(params string[] args)
    {
        var stderr = new StringWriter();
        return (Program.Invoke(["analyze", .. args], new StringWriter(), stderr), stderr.ToString());
    }

    [Fact]
    public void Prim_step_selects_a_step_of_box_1_and_a_step_off_the_trajectory_is_bad_input()
    {
        var dir = new SyntheticSweep().Write(Path.Combine(_temp.Path, "s"));
        Assert.Equal(0, Analyze(dir, "--bootstrap", "20", "--prim-step", "justified=1").Code);
        var selected = File.ReadAllLines(Path.Combine(dir, "analysis", "scenario_discovery.csv")).Skip(1)
            .Select(l => l.Split(',')).Where(f => f[0] == "justified" && f[1] == "1" && f[3] == "1").ToArray();
        Assert.NotEmpty(selected);
        Assert.All(selected, f => Assert.Equal("1", f[2]));

        var (code, err) = Analyze(dir, "--prim-step", "5000");
        Assert.Equal(2, code);
        Assert.Contains("--prim-step: not_justified: step 5000 is not on the trajectory; allowed 0 to", err);
        Assert.Equal(2, Analyze(dir, "--prim-objective", "greedy").Code);
        Assert.Contains("--focus: metric 'nope' is not in summary.csv", Analyze(dir, "--focus", "nope").Err);
    }

    [Fact]
    public void Focus_runs_caps_the_runs_delta_pawn_and_feature_scores_read_with_a_seeded_subset()
    {
        var dir = new SyntheticSweep().Write(Path.Combine(_temp.Path, "s"));
        string[] args = [dir, "--bootstrap", "20", "--moment-bootstrap", "5", "--trees", "5", "--focus-runs", "60"];
        var (code, err) = Analyze(args);
        Assert.Equal(0, code);
        Assert.Contains("cohort_2026_2027_npv_usd_bn: delta, PAWN and feature scores from a random 60 of its", err);
        var delta = File.ReadAllLines(Path.Combine(dir, "analysis", "delta.csv"));
        Assert.All(delta.Skip(1), l => Assert.Equal("60", l.Split(',')[6]));
        Assert.All(File.ReadAllLines(Path.Combine(dir, "analysis", "feature_scores.csv")).Skip(1),
            l => Assert.Equal("60", l.Split(',')[4]));

        Assert.Equal(0, Analyze(args).Code); // the same subset again
        Assert.Equal(delta, File.ReadAllLines(Path.Combine(dir, "analysis", "delta.csv")));
        Assert.Equal(0, Analyze([.. args[..^1], "100000"]).Code); // a cap above the runs uses them all
        Assert.NotEqual("60", File.ReadAllLines(Path.Combine(dir, "analysis", "delta.csv"))[1].Split(',')[6]);
        var (bad, message) = Analyze(dir, "--focus-runs", "5");
        Assert.Equal(2, bad);
        Assert.Contains("--focus-runs", message);
    }

    [Fact]
    public void Focus_all_gives_delta_and_pawn_rows_for_every_varying_metric()
    {
        var dir = new SyntheticSweep().Write(Path.Combine(_temp.Path, "s"));
        Assert.Equal(0, Analyze(dir, "--bootstrap", "20", "--moment-bootstrap", "5", "--trees", "10", "--focus", "all").Code);
        var delta = File.ReadAllLines(Path.Combine(dir, "analysis", "delta.csv"));
        Assert.Equal("metric,parameter,delta,delta_conf,S1,S1_conf,runs,classes", delta[0]);
        var metrics = delta.Skip(1).Select(l => l.Split(',')[0]).Distinct().ToArray();
        Assert.True(metrics.Length >= 3);
        Assert.DoesNotContain("justified", metrics);
        var features = File.ReadAllLines(Path.Combine(dir, "analysis", "feature_scores.csv"));
        Assert.StartsWith("justified,classification,", features[1]);
    }
}
