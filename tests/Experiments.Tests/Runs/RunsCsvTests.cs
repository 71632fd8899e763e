using QGan.MLNet.Experiments.Runs;

namespace QGan.MLNet.Experiments.Tests.Runs;

/// <summary>The runs.csv contract: required columns, optional columns (missing means unknown), errors naming line and column.</summary>
public sealed class RunsCsvTests
{
    private const string Required =
        "index,generator_kind,qubits,layers,generator_width,generator_depth,critic_width,critic_depth,seed,generator_params,critic_params,status,iterations,fid,fid_spread,max_abs_wasserstein,jsd,evaluations";

    [Fact]
    public void A_file_with_only_the_required_columns_reads_with_every_optional_value_unknown()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "runs.csv");
        File.WriteAllLines(path, [Required, "0,quantum,12,2,,,16,1,1,264,417,completed,600,1.5,0.1,3.25,0.02,6"]);

        var row = Assert.Single(RunsCsv.Read(path));

        Assert.Equal(1.5, row.Fid);
        Assert.Equal(264, row.GeneratorParams);
        Assert.Null(row.Converged);
        Assert.Null(row.StopReason);
        Assert.Null(row.FeatureFid);
        Assert.Null(row.GeneratorLr);
        Assert.Null(row.Error);
    }

    [Fact]
    public void Every_optional_column_round_trips_and_the_columns_are_written_in_the_documented_order()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "runs.csv");
        var row = new SweepRunRow
        {
            Index = 3, GeneratorKind = SweepRunStatus.Classical, GeneratorWidth = 8, GeneratorDepth = 1, CriticWidth = 64, CriticDepth = 1,
            Seed = 2, GeneratorParams = 440, CriticParams = 1665, Status = SweepRunStatus.Crashed, Iterations = 120,
            Error = "ExternalException: boom, with a comma", Autoencoder = "compact", GeneratorLr = 0.005, CriticLr = 1e-3,
            Converged = false, StopReason = "crashed", BestIteration = 100, ValidationFid = 2.5, FeatureFid = 11.25, FeatureJsd = 0.125,
            PixelFid = 40.5, PixelJsd = 0.0625, FidInfinity = 2.0, EvalSamples = 2000, SecondsPerIteration = 0.0042,
            InferenceSecondsPerSample = 3.5e-6,
        };

        RunsCsv.Write(path, [row]);

        Assert.Equal(string.Join(',', RunsCsv.Columns) + "," + string.Join(',', RunsCsv.OptionalColumns), File.ReadLines(path).First());
        Assert.Equal(row, Assert.Single(RunsCsv.Read(path)));
    }

    [Theory]
    [InlineData("converged", "maybe", "column converged: 'maybe' is not true or false")]
    [InlineData("stop_reason", "tired", "column stop_reason: 'tired' is not plateau, budget, diverged or crashed")]
    [InlineData("feature_fid", "NaN", "column feature_fid: 'NaN' is not a finite number")]
    [InlineData("eval_samples", "1.5", "column eval_samples: '1.5' is not an integer")]
    public void Bad_optional_values_are_refused_naming_line_and_column(string column, string value, string message)
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "runs.csv");
        File.WriteAllLines(path, [Required + "," + column, "0,quantum,12,2,,,16,1,1,264,417,completed,600,1.5,0.1,3.25,0.02,6," + value]);

        var ex = Assert.Throws<InvalidDataException>(() => RunsCsv.Read(path));

        Assert.Contains("line 2, " + message, ex.Message);
    }
}
