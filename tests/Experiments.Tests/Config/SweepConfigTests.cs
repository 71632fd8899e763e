using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Tests;
using QGan.MLNet.Trainers.Gan.Training;

namespace QGan.MLNet.Experiments.Tests.Config;

public sealed class SweepConfigTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public SweepConfigTests()
    {
        // 10 latent rows of width 24 (12 qubits x ZX readout).
        File.WriteAllLines(Path.Combine(_dir.Path, "lat.csv"),
            Enumerable.Range(0, 10).Select(i => string.Join(",", Enumerable.Range(0, 24).Select(j => ((i + j) % 7 / 10.0).ToString(System.Globalization.CultureInfo.InvariantCulture)))));
    }

    public void Dispose() => _dir.Dispose();

    private const string Valid = """
        {
          "data": { "latents": "lat.csv" },
          "heldOut": 4,
          "generators": { "quantum": { "layers": [1, 3] }, "classical": { "widths": { "start": 4, "factor": 2, "count": 3 }, "depth": 1 } },
          "critic": { "widths": { "start": 8, "factor": 1.5, "count": 3 } },
          "seeds": [5, 6],
          "training": { "iterations": 10 }
        }
        """;

    private SweepConfig Parse(string json) => SweepConfigParser.Parse(json, "sweep.json", _dir.Path);

    [Fact]
    public void Geometric_grids_expand_and_defaults_are_filled_in()
    {
        var config = Parse(Valid);
        Assert.Equal([4, 8, 16], config.Generators.Classical!.Widths);
        // round(8 * 1.5^k): 8, 12, 18.
        Assert.Equal([8, 12, 18], config.Critic.Widths);
        Assert.Equal(2, config.Critic.Depth);
        Assert.Equal(12, config.Generators.Quantum!.Qubits);
        Assert.Null(config.Training.BatchSize); // unset: the default of each run's generator kind
        Assert.Equal(64, config.Options(config.Run(0)).BatchSize);
        Assert.Equal(5, config.Analysis.LastK);
        Assert.Equal(Path.Combine(_dir.Path, "lat.csv"), config.Data.Latents);
        // (2 quantum + 3 classical) x 3 critics x 2 seeds.
        Assert.Equal(30, config.RunCount);
    }

    [Fact]
    public void Runs_expand_generator_major_then_critic_then_seed()
    {
        var config = Parse(Valid);
        // I = (g * 3 + c) * 2 + s.
        var run = config.Run((3 * 3 + 2) * 2 + 1); // g = 3 (classical w=8), c = 2 (critic 18), s = 1 (seed 6)
        Assert.Equal((GeneratorKind.Classical, 8, 18, 6L), (run.Generator.Kind, run.Generator.Width!.Value, run.CriticWidth, run.Seed));
        var first = config.Run(0);
        Assert.Equal((GeneratorKind.Quantum, 1, 8, 5L), (first.Generator.Kind, first.Generator.Layers!.Value, first.CriticWidth, first.Seed));
        Assert.Equal(Enumerable.Range(0, 30), config.Runs().Select(r => r.Index));
        Assert.Throws<ArgumentOutOfRangeException>(() => config.Run(30));

        var options = config.Options(run);
        Assert.Equal([8], options.GeneratorHidden);
        Assert.Equal([18, 18], options.CriticHidden);
        Assert.Equal(6, options.Seed);
        Assert.Equal(10, options.Iterations);
    }

    [Fact]
    public void Normalised_json_reads_back_to_the_same_config()
    {
        var json = Parse(Valid).ToJson();
        Assert.Equal(json, Parse(json).ToJson());
        Assert.DoesNotContain("runCount", json);
        // The analysis choices are written with their defaults, and set ones read back.
        Assert.Contains("\"space\": \"latent\"", json);
        var analysis = Parse(Valid.Replace("\"training\": { \"iterations\": 10 }",
            "\"training\": { \"iterations\": 10 }, \"analysis\": { \"space\": \"pixel\", \"fidInfinity\": true, \"maxTrend\": 2.5, \"maxNoise\": 1.5 }")).Analysis;
        Assert.Equal(("pixel", true, 2.5, 1.5), (analysis.Space, analysis.FidInfinity, analysis.MaxTrend, analysis.MaxNoise));
        Assert.Equal(analysis, Parse(Parse(Valid.Replace("\"training\": { \"iterations\": 10 }",
            "\"training\": { \"iterations\": 10 }, \"analysis\": { \"space\": \"pixel\", \"fidInfinity\": true, \"maxTrend\": 2.5, \"maxNoise\": 1.5 }")).ToJson()).Analysis);
    }

    [Fact]
    public void Learning_rate_lists_of_a_kind_add_runs_to_each_cell_inside_the_critic_order()
    {
        var config = Parse(Valid.Replace("\"layers\": [1, 3] }", "\"layers\": [1, 3], \"generatorLearningRate\": [0.01, 0.03], \"criticLearningRate\": 0.001 }"));
        // (2 quantum x 2 rate pairs + 3 classical x 1) x 3 critics x 2 seeds.
        Assert.Equal(42, config.RunCount);
        Assert.Equal([(0.01, 0.001), (0.03, 0.001)], config.LearningRates(GeneratorKind.Quantum));
        var classicalDefault = SweepLearningRates.Default(GeneratorKind.Classical);
        Assert.Equal([classicalDefault], config.LearningRates(GeneratorKind.Classical));
        // g = 1 (L = 3) starts after g = 0's 3 x 2 x 2 = 12 runs; (c = 2, l = 1, s = 1): (2 * 2 + 1) * 2 + 1 = 11.
        var run = config.Run(23);
        Assert.Equal((3, 18, 0.03, 0.001, 6L), (run.Generator.Layers!.Value, run.CriticWidth, run.GeneratorLearningRate, run.CriticLearningRate, run.Seed));
        var options = config.Options(run);
        Assert.Equal((0.03, 0.001), (options.GeneratorLearningRate, options.CriticLearningRate));
        var firstClassical = config.Run(24);
        Assert.Equal((GeneratorKind.Classical, 4, 8, 5L), (firstClassical.Generator.Kind, firstClassical.Generator.Width!.Value, firstClassical.CriticWidth, firstClassical.Seed));
        Assert.Equal(classicalDefault, (firstClassical.GeneratorLearningRate, firstClassical.CriticLearningRate));
        Assert.Equal(Enumerable.Range(0, 42), config.Runs().Select(r => r.Index));
        Assert.Equal(42, config.Runs().Select(r => (r.Generator, r.CriticWidth, r.GeneratorLearningRate, r.Seed)).Distinct().Count());

        // training.generatorLearningRate is the rate of every kind whose grid gives none; the normalised form moves it into the grids.
        var shared = Parse(Valid.Replace("\"iterations\": 10", "\"iterations\": 10, \"generatorLearningRate\": 0.002"));
        Assert.Equal([(0.002, SweepLearningRates.Default(GeneratorKind.Classical).Critic)], shared.LearningRates(GeneratorKind.Classical));
        var json = shared.ToJson();
        Assert.DoesNotContain("\"generatorLearningRate\": 0.002", json.Split("\"training\"")[1]);
        Assert.Equal(json, Parse(json).ToJson());
    }

    [Fact]
    public void Early_stopping_evaluation_and_hardware_settings_are_read_and_reach_the_runs()
    {
        var noise = Path.Combine(QGan.MLNet.Tests.Shared.Fixtures.RepoRoot, "models", "noise", "ibm-heron-like.json");
        var config = Parse(Valid.Replace("\"iterations\": 10 }",
            "\"iterations\": 10, \"earlyStop\": { \"patience\": 4, \"minImprovement\": 0.02 } }, " +
            "\"evaluation\": { \"fidInfinity\": true, \"pixelFid\": \"none\" }, " +
            $"\"hardware\": {{ \"shots\": [200, 2000], \"noiseModel\": {System.Text.Json.JsonSerializer.Serialize(noise)}, \"trajectories\": 8 }}"));
        Assert.Equal(new EarlyStopOptions { Patience = 4, MinImprovement = 0.02 }, config.Options(config.Run(0)).EarlyStop);
        Assert.True(config.Evaluation.FidInfinity);
        Assert.Equal("none", config.Evaluation.PixelFid);
        Assert.Equal([200L, 2000L], config.Hardware!.Shots);
        Assert.Equal((noise, 8), (config.Hardware.NoiseModel, config.Hardware.Trajectories));
        var json = config.ToJson();
        Assert.Equal(json, Parse(json).ToJson());

        var defaults = Parse(Valid);
        Assert.Null(defaults.Options(defaults.Run(0)).EarlyStop);
        Assert.Equal(("best", false, (string?)null), (defaults.Evaluation.PixelFid, defaults.Evaluation.FidInfinity, defaults.Evaluation.FeatureModel));
        Assert.Null(defaults.Hardware);
    }

    [Fact]
    public void Several_autoencoders_repeat_the_grid_outermost()
    {
        var shipped = Path.Combine(QGan.MLNet.Tests.Shared.Fixtures.RepoRoot, "models", "sat4-synthetic");
        var json = $$"""
            {
              "data": { "synthetic": 100, "autoencoders": [ { "name": "shipped", "path": {{System.Text.Json.JsonSerializer.Serialize(shipped)}} }, { "name": "small", "train": { "epochs": 1 } } ] },
              "heldOut": 10,
              "generators": { "quantum": { "layers": [1] }, "classical": { "widths": [2, 4] } },
              "critic": { "widths": [8] },
              "seeds": [1, 2],
              "training": { "iterations": 5 }
            }
            """;
        var config = Parse(json);
        Assert.Equal(["shipped", "small"], config.AutoencoderList().Select(a => a.Name));
        Assert.Equal((shipped, (string?)null), (config.AutoencoderList()[0].Path, config.AutoencoderList()[1].Path));
        Assert.Equal(new SweepAutoencoderTraining { Epochs = 1, Seed = 1 }, config.AutoencoderList()[1].Train);
        // 3 generators x 1 critic x 2 seeds = 6 runs per autoencoder.
        Assert.Equal(12, config.RunCount);
        Assert.Equal(("shipped", 2L), (config.Run(1).Autoencoder, config.Run(1).Seed));
        Assert.Equal(("small", GeneratorKind.Quantum), (config.Run(6).Autoencoder, config.Run(6).Generator.Kind));
        Assert.Equal(config.Run(5).Generator, config.Run(11).Generator);
        Assert.Equal(config.ToJson(), Parse(config.ToJson()).ToJson());

        // A single autoencoder is named after its folder.
        var single = Parse(json.Replace(
            $"\"autoencoders\": [ {{ \"name\": \"shipped\", \"path\": {System.Text.Json.JsonSerializer.Serialize(shipped)} }}, {{ \"name\": \"small\", \"train\": {{ \"epochs\": 1 }} }} ]",
            $"\"autoencoder\": {System.Text.Json.JsonSerializer.Serialize(shipped)}"));
        Assert.Equal("sat4-synthetic", Assert.Single(single.AutoencoderList()).Name);
        Assert.Equal(6, single.RunCount);
        Assert.Equal("$.data.autoencoders[1].name", Assert.Throws<SweepConfigException>(() => Parse(json.Replace("\"small\"", "\"shipped\""))).JsonPath);
        Assert.Equal("$.data.autoencoders[1]", Assert.Throws<SweepConfigException>(() => Parse(json.Replace(", \"train\": { \"epochs\": 1 }", ""))).JsonPath);
    }

    [Theory]
    [InlineData("\"seeds\": [5, 6],", "\"seeds\": [5, 6], \"seed\": 3,", "$.seed", "is not a known field (expected data, heldOut, generators, critic, seeds, training, analysis, evaluation, hardware)")]
    [InlineData("\"depth\": 1 }", "\"depth\": 1, \"widht\": 3 }", "$.generators.classical.widht", "is not a known field")]
    [InlineData("\"layers\": [1, 3] }", "\"layers\": [1, 3], \"generatorLearningRate\": [0.01, 0] }", "$.generators.quantum.generatorLearningRate[1]", "> 0")]
    [InlineData("\"layers\": [1, 3] }", "\"layers\": [1, 3], \"criticLearningRate\": [0.01, 0.01] }", "$.generators.quantum.criticLearningRate", "distinct")]
    [InlineData("\"iterations\": 10", "\"iterations\": 10, \"earlyStop\": { \"patience\": 0 }", "$.training.earlyStop.patience", ">= 1")]
    [InlineData("\"iterations\": 10", "\"iterations\": 10, \"earlyStop\": { \"minImprovement\": 1 }", "$.training.earlyStop.minImprovement", "in [0, 1)")]
    [InlineData("\"iterations\": 10 }", "\"iterations\": 10 }, \"evaluation\": { \"pixelFid\": \"some\" }", "$.evaluation.pixelFid", "best, all or none")]
    [InlineData("\"iterations\": 10 }", "\"iterations\": 10 }, \"evaluation\": { \"featureModel\": \"nope.onnx\" }", "$.evaluation.featureModel", "does not exist")]
    [InlineData("\"iterations\": 10 }", "\"iterations\": 10 }, \"hardware\": { \"shots\": [1000, 300] }", "$.hardware.shots", "strictly increasing")]
    [InlineData("\"iterations\": 10 }", "\"iterations\": 10 }, \"hardware\": { \"noiseModel\": \"lat.csv\" }", "$.hardware.noiseModel", "")]
    [InlineData("\"latents\": \"lat.csv\"", "\"latents\": \"lat.csv\", \"autoencoders\": [{ \"name\": \"a\", \"train\": {} }]", "$.data.autoencoders", "images")]
    [InlineData("\"layers\": [1, 3]", "\"layers\": [0, 3]", "$.generators.quantum.layers[0]", ">= 1")]
    [InlineData("\"layers\": [1, 3]", "\"layers\": []", "$.generators.quantum.layers", "empty")]
    [InlineData("\"layers\": [1, 3] }", "\"layers\": [1, 3], \"qubits\": 4 }", "$.generators.quantum.qubits", "give 8 values, but the latent space has 24")]
    [InlineData("\"count\": 3 }, \"depth\": 1", "\"count\": 0 }, \"depth\": 1", "$.generators.classical.widths.count", "must be in [1, 64]")]
    [InlineData("\"factor\": 1.5", "\"factor\": 1", "$.critic.widths.factor", "> 1")]
    [InlineData("{ \"start\": 8, \"factor\": 1.5, \"count\": 3 }", "[8, -2]", "$.critic.widths[1]", ">= 1")]
    [InlineData("{ \"start\": 8, \"factor\": 1.5, \"count\": 3 }", "[16, 8]", "$.critic.widths", "strictly increasing")]
    [InlineData("\"iterations\": 10", "\"iterations\": 0", "$.training.iterations", "must be in [1, 100000000], got 0")]
    [InlineData("\"iterations\": 10", "\"batchSize\": 4", "$.training.iterations", "missing")]
    [InlineData("\"iterations\": 10", "\"iterations\": \"ten\"", "$.training.iterations", "must be an integer in -2147483648..2147483647, found string")]
    [InlineData("\"iterations\": 10", "\"iterations\": 10, \"beta1\": 1", "$.training.beta1", "in [0, 1)")]
    [InlineData("\"seeds\": [5, 6]", "\"seeds\": [5, 5]", "$.seeds", "distinct")]
    [InlineData("\"heldOut\": 4", "\"heldOut\": 5", "$.heldOut", "10 latent rows cannot give 5 held-out and 5 validation rows")]
    [InlineData("\"latents\": \"lat.csv\"", "\"latents\": \"nope.csv\"", "$.data.latents", "does not exist")]
    [InlineData("\"latents\": \"lat.csv\"", "\"latents\": \"lat.csv\", \"synthetic\": 50", "$.data", "exactly one")]
    [InlineData("\"training\": { \"iterations\": 10 }", "\"training\": { \"iterations\": 10 }, \"analysis\": { \"bootstrap\": { \"confidence\": 1 } }", "$.analysis.bootstrap.confidence", "in (0, 1)")]
    [InlineData("\"iterations\": 10", "\"iterations\": 10, \"lrGenerator\": 1e-3", "$.training.lrGenerator", "was renamed: use generatorLearningRate")]
    [InlineData("\"iterations\": 10", "\"iterations\": 10, \"clipNorm\": 5", "$.training.clipNorm", "was renamed: use generatorMaxGradNorm and criticMaxGradNorm")]
    [InlineData("\"iterations\": 10", "\"iterations\": 10, \"iterations\": 11", "$.training.iterations", "is given twice")]
    [InlineData("\"iterations\": 10", "\"iterations\": 10, \"generatorLearningRate\": 1e400", "$.training.generatorLearningRate", "must be > 0, got")]
    [InlineData("\"seeds\": [5, 6]", "\"seeds\": [5, null]", "$.seeds[1]", "must be an integer")]
    [InlineData("\"iterations\": 10", "\"iterations\": 10, \"batchSize\": 2000000000", "$.training.batchSize", "must be in [1, 65536]")]
    [InlineData("\"iterations\": 10", "\"iterations\": 2000000000", "$.training.iterations", "must be in [1, 100000000]")]
    [InlineData("{ \"start\": 8, \"factor\": 1.5, \"count\": 3 }", "[16777216]", "$.critic.widths[0]", "must be in [1, 65536]")]
    [InlineData("{ \"start\": 8, \"factor\": 1.5, \"count\": 3 }", "{ \"start\": 8, \"factor\": 100, \"count\": 5 }", "$.critic.widths.count", "exceeds the largest width")]
    [InlineData("{ \"start\": 8, \"factor\": 1.5, \"count\": 3 }", "[65536]", "$.critic.widths", "gives more than 134,217,728 parameters")]
    [InlineData("\"layers\": [1, 3]", "\"layers\": [1, 100000000]", "$.generators.quantum.layers[1]", "must be in [1, 1024]")]
    [InlineData("\"latents\": \"lat.csv\"", "\"latents\": \"lat.csv\", \"synthetic\": 2000000000", "$.data.synthetic", "must be in [5, 500000]")]
    [InlineData("\"training\": { \"iterations\": 10 }", "\"training\": { \"iterations\": 10 }, \"analysis\": { \"space\": \"inception\" }", "$.analysis.space", "must be latent, feature or pixel")]
    [InlineData("\"training\": { \"iterations\": 10 }", "\"training\": { \"iterations\": 10 }, \"analysis\": { \"maxTrend\": 0 }", "$.analysis.maxTrend", "must be > 0")]
    [InlineData("\"training\": { \"iterations\": 10 }", "\"training\": { \"iterations\": 10 }, \"analysis\": { \"fidInfinity\": 1 }", "$.analysis.fidInfinity", "")]
    public void Bad_configs_are_rejected_naming_the_key(string find, string replace, string path, string problem)
    {
        Assert.Contains(find, Valid);
        var ex = Assert.Throws<SweepConfigException>(() => Parse(Valid.Replace(find, replace)));
        Assert.Equal(path, ex.JsonPath);
        Assert.Contains(problem, ex.Message);
        Assert.StartsWith("sweep.json: " + path + ":", ex.Message);
    }

    [Fact]
    public void Syntax_errors_and_missing_sections_name_the_root_or_section()
    {
        Assert.Equal("$", Assert.Throws<SweepConfigException>(() => Parse("{ \"data\": ")).JsonPath);
        Assert.Equal("$.critics", Assert.Throws<SweepConfigException>(() => Parse(Valid.Replace("\"critic\"", "\"critics\""))).JsonPath);
        Assert.Equal("$.generators", Assert.Throws<SweepConfigException>(() => Parse(Valid.Replace(
            "{ \"quantum\": { \"layers\": [1, 3] }, \"classical\": { \"widths\": { \"start\": 4, \"factor\": 2, \"count\": 3 }, \"depth\": 1 } }", "{}"))).JsonPath);
    }

    [Fact]
    public void A_grid_of_a_billion_runs_is_refused_before_it_is_expanded()
    {
        var thousand = "[" + string.Join(", ", Enumerable.Range(1, 1000)) + "]";
        var json = Valid
            .Replace("\"layers\": [1, 3]", "\"layers\": " + thousand)
            .Replace("{ \"start\": 8, \"factor\": 1.5, \"count\": 3 }", thousand)
            .Replace("\"seeds\": [5, 6]", "\"seeds\": " + thousand);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var ex = Assert.Throws<SweepConfigException>(() => Parse(json));

        Assert.Equal("$.seeds", ex.JsonPath);
        Assert.Contains("runs (generators x critics x seeds), at most 100,000", ex.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"refusing took {clock.Elapsed}");
    }
}
