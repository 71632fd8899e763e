using System.Text.Json.Nodes;
using Microsoft.ML;
using Microsoft.ML.Data;
using QGan.MLNet.Quantum.Style;
using QGan.MLNet.Trainers.Autoencoder;
using QGan.MLNet.Trainers.Gan.Evaluation;
using QGan.MLNet.Trainers.Gan.MLNet;
using QGan.MLNet.Trainers.Gan.Models;
using QGan.MLNet.Trainers.Gan.Training;
using QGan.MLNet.Transforms.Catalog;
using QGan.MLNet.Transforms.Latent;
using TorchSharp;

namespace QGan.MLNet.Trainers.Tests.Gan;

public sealed class GanEstimatorTests
{
    private sealed class LatentRow
    {
        [VectorType(TrainingSetups.Width)]
        public float[] Latent { get; set; } = [];
    }

    private sealed class ScalarRow
    {
        public float Latent { get; set; }
    }

    private static IDataView LatentView(MLContext ml, LatentDataSet data) =>
        ml.Data.LoadFromEnumerable(Enumerable.Range(0, data.Rows).Select(r => new LatentRow { Latent = data.Row(r).ToArray() }));

    private static QuantumGanOptions TinyQuantum(int iterations = 4) => new()
    {
        Qubits = 3, Layers = 1, NoiseDimension = 3, CriticHidden = [16], BatchSize = 16, CriticSteps = 2, Iterations = iterations, Seed = 3,
    };

    // SchemaShape.Create is internal to ML.NET; estimators in a pipeline receive shapes built by it.
    private static SchemaShape ShapeOf(DataViewSchema schema) =>
        (SchemaShape)typeof(SchemaShape).GetMethod("Create", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .Invoke(null, [schema])!;

    private static float[][] Column(IDataView view, string name)
    {
        var rows = new List<float[]>();
        var column = view.Schema[name];
        using var cursor = view.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> buffer = default;
        while (cursor.MoveNext())
        {
            getter(ref buffer);
            rows.Add(buffer.DenseValues().ToArray());
        }
        return [.. rows];
    }

    [Fact]
    public void Quantum_estimator_fits_a_transformer_that_generates_latents_from_noise_rows()
    {
        var ml = new MLContext(seed: 1);
        var estimator = ml.QGan().Trainers.QuantumGan(TinyQuantum());

        using var transformer = estimator.Fit(LatentView(ml, TrainingSetups.Train));
        var generated = transformer.Generate(count: 5, seed: 42);

        Assert.Equal(5, generated.GetRowCount());
        var latents = Column(generated, "Latent");
        var noise = Column(generated, "Noise");
        Assert.All(latents, l => Assert.Equal(TrainingSetups.Width, l.Length));
        Assert.All(latents.SelectMany(l => l), v => Assert.InRange(v, -1f, 1f)); // Pauli expectation values
        // The lazy view (the exported ONNX graph) computes what the TorchSharp generator gives for the same noise rows.
        var direct = transformer.Generator.Generate(noise.SelectMany(n => n).ToArray());
        var viaView = latents.SelectMany(l => l).ToArray();
        Assert.Equal(direct.Length, viaView.Length);
        Assert.All(direct.Zip(viaView), p => Assert.Equal(p.First, p.Second, 1e-5));
        Assert.Equal(4, estimator.LastMetrics[^1].Iteration);
        Assert.Equal(GeneratorKind.Quantum, transformer.Manifest.Kind);
        Assert.Equal(10 * 3 * 1 + 2 * 3, transformer.Manifest.GeneratorParameterCount);
    }

    [Fact]
    public void Cursor_blocks_keep_a_block_of_states_near_two_mebibytes()
    {
        GeneratorManifest Quantum(int qubits) => new() { Kind = GeneratorKind.Quantum, Qubits = qubits, NoiseDimension = 12, LatentDimension = 2 * qubits };
        // 2^12 complex amplitudes are 32 KiB per row: 64 rows; larger circuits stay at the 64-row floor, small ones at the
        // 1024-row ceiling, as does a classical MLP (a few hundred bytes per row).
        Assert.Equal(64, GanGeneratorTransformer.BlockRowsFor(Quantum(12)));
        Assert.Equal(256, GanGeneratorTransformer.BlockRowsFor(Quantum(10)));
        Assert.Equal(64, GanGeneratorTransformer.BlockRowsFor(Quantum(16)));
        Assert.Equal(1024, GanGeneratorTransformer.BlockRowsFor(Quantum(3)));
        Assert.Equal(1024, GanGeneratorTransformer.BlockRowsFor(new GeneratorManifest
        {
            Kind = GeneratorKind.Classical, NoiseDimension = 12, LatentDimension = 24, GeneratorHidden = [64, 64],
        }));
    }

    [Fact]
    public void Precision_and_gradient_options_reach_the_training_options_and_single_precision_fits()
    {
        var options = TinyQuantum();
        options.Precision = SimulationPrecision.Single;
        options.Gradient = QGan.MLNet.Quantum.Gradients.GradientMethod.ParameterShift;

        var training = options.ToTrainingOptions();

        Assert.Equal(SimulationPrecision.Single, training.QuantumPrecision);
        Assert.Equal(QGan.MLNet.Quantum.Gradients.GradientMethod.ParameterShift, training.QuantumGradient);
        Assert.Equal(SimulationPrecision.Double, TinyQuantum().ToTrainingOptions().QuantumPrecision);
        var ml = new MLContext(seed: 1);
        using var transformer = ml.QGan().Trainers.QuantumGan(options).Fit(LatentView(ml, TrainingSetups.Train));
        Assert.All(Column(transformer.Generate(count: 3, seed: 1), "Latent").SelectMany(l => l), v => Assert.InRange(v, -1f, 1f));
    }

    [Fact]
    public void Same_seed_generates_the_same_rows_and_input_columns_pass_through()
    {
        var ml = new MLContext(seed: 1);
        using var transformer = ml.QGan().Trainers.ClassicalGan(new ClassicalGanOptions
        {
            NoiseDimension = 4, GeneratorHidden = [8], CriticHidden = [8], BatchSize = 8, CriticSteps = 1, Iterations = 2,
        }).Fit(LatentView(ml, TrainingSetups.Train));

        var a = transformer.Generate(3, seed: 9);
        var b = transformer.Generate(3, seed: 9);

        Assert.Equal(Column(a, "Latent").SelectMany(x => x), Column(b, "Latent").SelectMany(x => x));
        Assert.Equal(["Noise", "Latent"], a.Schema.Select(c => c.Name).ToArray());
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, TrainingSetups.Width), a.Schema["Latent"].Type);
        // Without a noise column the transformer maps rows of the latent column (the generated latent replaces it).
        Assert.Equal(["Latent"], transformer.GetOutputSchema(LatentView(ml, TrainingSetups.Train).Schema).Where(c => !c.IsHidden).Select(c => c.Name));
    }

    [Fact]
    public void Fit_writes_metrics_checkpoint_and_generator_directory_that_loads_back_identically()
    {
        var ml = new MLContext(seed: 1);
        var dir = TrainingSetups.TempDirectory();
        var options = TinyQuantum(iterations: 3);
        options.OutputDirectory = dir;
        using var trained = ml.QGan().Trainers.QuantumGan(options).Fit(LatentView(ml, TrainingSetups.Train));

        var layout = new GanRunLayout(dir);
        Assert.True(File.Exists(layout.MetricsPath));
        Assert.True(File.Exists(layout.CheckpointPath));
        using var loaded = ml.QGan().Trainers.LoadGanGenerator(layout.GeneratorDirectory);

        Assert.Equal(Column(trained.Generate(4, 5), "Latent").SelectMany(x => x), Column(loaded.Generate(4, 5), "Latent").SelectMany(x => x));
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(layout.GeneratorDirectory, TrainedGenerator.ManifestFileName)))!;
        Assert.Equal("Quantum", (string)manifest["kind"]!);
        Assert.Equal(3, (int)manifest["qubits"]!);
        Assert.Equal(1, (int)manifest["layers"]!);
        Assert.Equal("ZX", (string)manifest["readout"]!);
        Assert.Equal(3, (int)manifest["noiseDimension"]!);
        Assert.Equal(6, (int)manifest["latentDimension"]!);
        Assert.Equal(36, (long)manifest["generatorParameterCount"]!);
        Assert.Equal((6 + 1) * 16 + 17, (long)manifest["criticParameterCount"]!);
        Assert.Equal(3, (int)manifest["iterations"]!);
        Assert.Equal(3, (long)manifest["seed"]!);
    }

    [Fact]
    public void Classical_generator_round_trips_through_save_and_load()
    {
        var ml = new MLContext(seed: 1);
        using var trained = ml.QGan().Trainers.ClassicalGan(new ClassicalGanOptions
        {
            NoiseDimension = 5, GeneratorHidden = [8, 4], CriticHidden = [8], BatchSize = 8, CriticSteps = 1, Iterations = 2,
        }).Fit(LatentView(ml, TrainingSetups.Train));
        var dir = Path.Combine(TrainingSetups.TempDirectory(), "gen");

        trained.SaveTo(dir);
        using var loaded = GanGeneratorTransformer.Load(ml, dir);

        Assert.Equal(MlpCapacity.Count(5, [8, 4], 6), loaded.Manifest.GeneratorParameterCount);
        Assert.Equal([8, 4], loaded.Manifest.GeneratorHidden!);
        Assert.Equal(Column(trained.Generate(3, 1), "Latent").SelectMany(x => x), Column(loaded.Generate(3, 1), "Latent").SelectMany(x => x));
    }

    [Fact]
    public void Missing_or_mistyped_latent_column_is_rejected_in_fit_and_in_schema_propagation()
    {
        var ml = new MLContext(seed: 1);
        var estimator = ml.QGan().Trainers.QuantumGan(TinyQuantum());
        var scalar = ml.Data.LoadFromEnumerable([new ScalarRow { Latent = 1 }]);
        var wrongName = ml.Data.LoadFromEnumerable([new LatentRow { Latent = new float[6] }]);

        var typeError = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(scalar));
        var shapeError = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.GetOutputSchema(ShapeOf(scalar.Schema)));
        var nameError = Assert.Throws<ArgumentOutOfRangeException>(() => ml.QGan().Trainers.QuantumGan(new QuantumGanOptions { LatentColumnName = "Z" }).Fit(wrongName));

        Assert.Contains("latent column 'Latent' must be a known-size vector of Single", typeError.Message);
        Assert.Contains("'Latent'", shapeError.Message);
        Assert.Contains("latent column 'Z' not found", nameError.Message);
    }

    [Fact]
    public void Estimator_schema_propagation_adds_the_generated_column()
    {
        var ml = new MLContext(seed: 1);
        var options = TinyQuantum();
        options.OutputColumnName = "Generated";
        var input = ShapeOf(LatentView(ml, TrainingSetups.Train).Schema);

        var output = ml.QGan().Trainers.QuantumGan(options).GetOutputSchema(input);

        var generated = output.Single(c => c.Name == "Generated");
        Assert.Equal(SchemaShape.Column.VectorKind.Vector, generated.Kind);
        Assert.Equal(NumberDataViewType.Single, generated.ItemType);
    }

    [Fact]
    public void Noise_column_of_the_wrong_size_is_rejected_naming_the_expected_size()
    {
        var ml = new MLContext(seed: 1);
        using var trained = ml.QGan().Trainers.QuantumGan(TinyQuantum(1)).Fit(LatentView(ml, TrainingSetups.Train));
        var dir = Path.Combine(TrainingSetups.TempDirectory(), "gen");
        trained.SaveTo(dir);
        using var transformer = ml.QGan().Trainers.LoadGanGenerator(dir);   // maps a "Noise" column
        var wrong = ml.Data.LoadFromEnumerable([new LatentRow { Latent = new float[6] }]); // 6 values, noise dimension is 3
        var renamed = ml.Transforms.CopyColumns("Noise", "Latent").Fit(wrong).Transform(wrong);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => transformer.Transform(renamed));

        Assert.Contains("noise column 'Noise' must be a vector of 3 Single values", ex.Message);
        Assert.Null(trained.NoiseColumnName);
        Assert.Equal("Latent", trained.RowColumnName);
    }

    [Fact]
    public void Corrupt_manifest_and_missing_weights_are_reported_by_file_and_field()
    {
        var ml = new MLContext(seed: 1);
        using var trained = ml.QGan().Trainers.QuantumGan(TinyQuantum(1)).Fit(LatentView(ml, TrainingSetups.Train));
        var dir = Path.Combine(TrainingSetups.TempDirectory(), "gen");
        trained.SaveTo(dir);
        var manifestPath = Path.Combine(dir, TrainedGenerator.ManifestFileName);
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        manifest["layers"] = 2; // the weights hold 1 layer
        File.WriteAllText(manifestPath, manifest.ToJsonString());

        var mismatch = Assert.Throws<InvalidDataException>(() => TrainedGenerator.Load(dir));
        Assert.Contains(dir, mismatch.Message);

        manifest.AsObject().Remove("qubits");
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        var missingField = Assert.Throws<InvalidDataException>(() => TrainedGenerator.Load(dir));
        Assert.Contains("field 'qubits'", missingField.Message);

        File.WriteAllText(manifestPath, "{ not json");
        var badJson = Assert.Throws<InvalidDataException>(() => TrainedGenerator.Load(dir));
        Assert.Contains(manifestPath, badJson.Message);

        File.Delete(Path.Combine(dir, TrainedGenerator.WeightsFileName));
        var missing = Assert.Throws<FileNotFoundException>(() => TrainedGenerator.Load(dir));
        Assert.Contains(TrainedGenerator.WeightsFileName, missing.Message);
    }
}

public sealed class GanImageGenerationTests
{
    private sealed class LatentRow
    {
        [VectorType(TrainingSetups.Width)]
        public float[] Latent { get; set; } = [];
    }

    [Fact]
    public void Generated_latents_decode_to_images_through_the_onnx_decoder()
    {
        var ml = new MLContext(seed: 1);
        torch.manual_seed(2);
        using var autoencoder = new ConvAutoencoder(new AutoencoderArchitecture { ConvChannels1 = 2, ConvChannels2 = 2, HiddenSize = 4, LatentSize = TrainingSetups.Width });
        var decoder = LatentOnnxModel.FromBytes(AutoencoderOnnx.ExportDecoder(autoencoder, new Dictionary<string, string>()), LatentModelKind.Decoder, "untrained decoder");
        var data = TrainingSetups.Train;
        var view = ml.Data.LoadFromEnumerable(Enumerable.Range(0, data.Rows).Select(r => new LatentRow { Latent = data.Row(r).ToArray() }));
        using var generator = ml.QGan().Trainers.ClassicalGan(new ClassicalGanOptions
        {
            NoiseDimension = 4, GeneratorHidden = [8], CriticHidden = [8], BatchSize = 8, CriticSteps = 1, Iterations = 2,
        }).Fit(view);

        var images = generator.GenerateImages(count: 3, seed: 4, decoder);

        var latents = images.GetColumn<float[]>("Latent").ToArray();
        var pixels = images.GetColumn<float[]>("Image").ToArray();
        Assert.Equal(3, pixels.Length);
        Assert.All(pixels, p => Assert.Equal(4 * 28 * 28, p.Length));
        Assert.All(pixels.SelectMany(p => p), v => Assert.InRange(v, 0f, 1f)); // sigmoid output
        // Same images as decoding the same latents directly.
        var direct = new OnnxLatentDecoder(ml, decoder).Decode(latents.SelectMany(l => l).ToArray());
        Assert.Equal(direct, pixels.SelectMany(p => p).ToArray());

        using var fiveD = new ConvAutoencoder(new AutoencoderArchitecture { ConvChannels1 = 2, ConvChannels2 = 2, HiddenSize = 4, LatentSize = 5 });
        var wrong = LatentOnnxModel.FromBytes(AutoencoderOnnx.ExportDecoder(fiveD, new Dictionary<string, string>()), LatentModelKind.Decoder, "five");
        var ex = Assert.Throws<ArgumentException>(() => generator.GenerateImages(1, 0, wrong));
        Assert.Contains("takes 5 latent values", ex.Message);
    }
}
