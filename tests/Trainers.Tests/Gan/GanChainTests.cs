using Microsoft.ML;
using Microsoft.ML.Data;
using QGan.MLNet.Tests.Shared;
using QGan.MLNet.Trainers.Gan.MLNet;
using QGan.MLNet.Transforms.Catalog;

namespace QGan.MLNet.Trainers.Tests.Gan;

/// <summary>
/// A GAN estimator inside an ML.NET chain (encode -> GAN -> decode): schema propagation agrees with the fitted
/// transformers, the fitted chain saves into an ML.NET zip and loads back with the same outputs, works in a
/// PredictionEngine, and the generated rows do not depend on batching, cursor sets or row order.
/// </summary>
public sealed class GanChainTests
{
    private static string Model(string file) => Path.Combine(Fixtures.RepoRoot, "models", "sat4-synthetic", file);

    private sealed class PatchRow
    {
        [VectorType(3136)]
        public float[] Image { get; set; } = [];

        public int Label { get; set; }
    }

    private sealed class GeneratedRow
    {
        [VectorType(24)]
        public float[] Latent { get; set; } = [];

        [VectorType(3136)]
        public float[] Generated { get; set; } = [];
    }

    private static IEstimator<ITransformer> Chain(MLContext ml, string kind) =>
        ml.QGan().Transforms.EncodeLatent(Model("encoder.onnx"))
            .Append(kind == "quantum"
                ? ml.QGan().Trainers.QuantumGan(o => { o.Qubits = 12; o.Layers = 1; o.NoiseDimension = 6; o.CriticHidden = [8]; o.BatchSize = 8; o.CriticSteps = 1; o.Iterations = 2; o.Seed = 5; })
                : ml.QGan().Trainers.ClassicalGan(o => { o.NoiseDimension = 4; o.GeneratorHidden = [8]; o.CriticHidden = [8]; o.BatchSize = 8; o.CriticSteps = 1; o.Iterations = 2; o.Seed = 5; }))
            .Append(ml.QGan().Transforms.DecodeLatent(Model("decoder.onnx"), "Latent", "Generated"));

    // SchemaShape.Create is internal to ML.NET; estimators in a pipeline receive shapes built by it.
    private static SchemaShape ShapeOf(DataViewSchema schema) =>
        (SchemaShape)typeof(SchemaShape).GetMethod("Create", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .Invoke(null, [schema])!;

    private sealed class CountingProgress : IProgress<QGan.MLNet.Trainers.Gan.Training.TrainingProgress>
    {
        public int Reports;

        public void Report(QGan.MLNet.Trainers.Gan.Training.TrainingProgress value) => Reports++;
    }

    private static float[][] Column(IDataView view, string name) => [.. view.GetColumn<float[]>(name)];

    private static void AssertClose(float[][] expected, float[][] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int r = 0; r < expected.Length; r++)
        {
            Assert.Equal(expected[r].Length, actual[r].Length);
            for (int i = 0; i < expected[r].Length; i++)
            {
                Assert.True(Math.Abs(expected[r][i] - actual[r][i]) <= tolerance, $"row {r}, value {i}: {expected[r][i]} vs {actual[r][i]}");
            }
        }
    }

    [Theory]
    [InlineData("classical")]
    [InlineData("quantum")]
    public void Encode_generate_decode_chain_fits_saves_loads_and_predicts(string kind)
    {
        var ml = new MLContext(seed: 1);
        var patches = ml.QGan().Data.Synthetic(count: 40, seed: 3);
        var pipeline = Chain(ml, kind);

        var shape = pipeline.GetOutputSchema(ShapeOf(patches.Schema));
        var model = pipeline.Fit(patches);
        var output = model.Transform(patches);

        // Estimator and transformer schemas agree (name, kind, item type of every visible column).
        var visible = output.Schema.Where(c => !c.IsHidden).ToArray();
        Assert.Equal(shape.Select(c => c.Name).Order(), visible.Select(c => c.Name).Order());
        foreach (var column in visible)
        {
            var predicted = shape.Single(c => c.Name == column.Name);
            Assert.Equal(column.Type is VectorDataViewType, predicted.Kind == SchemaShape.Column.VectorKind.Vector);
        }
        var generated = Column(output, "Generated");
        Assert.Equal(40, generated.Length);
        Assert.All(generated.SelectMany(g => g), v => Assert.InRange(v, 0f, 1f));
        // Different rows get different samples (the noise is drawn per row).
        Assert.NotEqual(generated[0], generated[1]);

        // Model.Save / Model.Load: the saved chain is plain ML.NET transforms with the same outputs.
        var path = Path.Combine(TrainingSetups.TempDirectory(), "chain.zip");
        ml.Model.Save(model, patches.Schema, path);
        var loaded = ml.Model.Load(path, out var schema);
        Assert.Equal(patches.Schema.Select(c => c.Name), schema.Select(c => c.Name));
        AssertClose(generated, Column(loaded.Transform(patches), "Generated"), 1e-5);
        AssertClose(Column(output, "Latent"), Column(loaded.Transform(patches), "Latent"), 1e-6);
        // Every loaded stage is ML.NET's own (ApplyOnnxModel, column copies): Model.Load needs no QGan assembly.
        var stages = Assert.IsAssignableFrom<IEnumerable<ITransformer>>(loaded).ToArray();
        Assert.NotEmpty(stages);
        Assert.All(Flatten(stages), t => Assert.StartsWith("Microsoft.ML", t.GetType().Assembly.GetName().Name));

        // PredictionEngine on the fitted and on the loaded chain.
        var rows = ml.Data.CreateEnumerable<PatchRow>(patches, reuseRowObject: false).Take(3).ToArray();
        var engine = ml.Model.CreatePredictionEngine<PatchRow, GeneratedRow>(model);
        var loadedEngine = ml.Model.CreatePredictionEngine<PatchRow, GeneratedRow>(loaded);
        for (int r = 0; r < rows.Length; r++)
        {
            AssertClose([generated[r]], [engine.Predict(rows[r]).Generated], 1e-5);
            AssertClose([generated[r]], [loadedEngine.Predict(rows[r]).Generated], 1e-5);
        }
    }

    private static IEnumerable<ITransformer> Flatten(IEnumerable<ITransformer> stages) =>
        stages.SelectMany(t => t is IEnumerable<ITransformer> inner ? Flatten(inner) : [t]);

    [Fact]
    public void Generated_rows_do_not_depend_on_cursor_sets_or_row_order()
    {
        var ml = new MLContext(seed: 1);
        // A small generator has the largest blocks (1024 rows): three and a bit of them, so that four cursors share
        // one input cursor and the last block is partial.
        const int rows = 3 * 1024 + 17;
        var patches = ml.QGan().Data.Synthetic(count: rows, seed: 4);
        var latents = ml.QGan().Transforms.EncodeLatent(Model("encoder.onnx")).Fit(patches).Transform(patches);
        var cached = ml.Data.Cache(latents);
        using var generator = ml.QGan().Trainers.ClassicalGan(o =>
        {
            o.NoiseDimension = 4; o.GeneratorHidden = [8]; o.CriticHidden = [8]; o.BatchSize = 8; o.CriticSteps = 1; o.Iterations = 1; o.OutputColumnName = "Sample";
        }).Fit(cached);
        Assert.Equal(1024, generator.BlockSize);
        var view = generator.Transform(cached);
        var single = Column(view, "Sample");

        // Four cursors over one input cursor: each row appears once, with the same sample as before.
        var latentColumn = view.Schema["Latent"];
        var sampleColumn = view.Schema["Sample"];
        var cursors = view.GetRowCursorSet([latentColumn, sampleColumn], 4);
        Assert.Equal(4, cursors.Length);
        var byLatent = new Dictionary<string, float[]>();
        Parallel.ForEach(cursors, cursor =>
        {
            var latentGetter = cursor.GetGetter<VBuffer<float>>(latentColumn);
            var sampleGetter = cursor.GetGetter<VBuffer<float>>(sampleColumn);
            VBuffer<float> latent = default, sample = default;
            while (cursor.MoveNext())
            {
                latentGetter(ref latent);
                sampleGetter(ref sample);
                lock (byLatent)
                {
                    byLatent[string.Join(",", latent.DenseValues())] = sample.DenseValues().ToArray();
                }
            }
            cursor.Dispose();
        });
        var inputLatents = Column(cached, "Latent");
        Assert.Equal(rows, byLatent.Count);
        for (int r = 0; r < inputLatents.Length; r++)
        {
            Assert.Equal(single[r], byLatent[string.Join(",", inputLatents[r])]);
        }

        // Reversed row order: each row keeps its sample.
        var reversed = ml.Data.LoadFromEnumerable(inputLatents.Reverse().Select(l => new LatentOnly { Latent = l }));
        var reversedSamples = Column(generator.Transform(reversed), "Sample");
        for (int r = 0; r < single.Length; r++)
        {
            Assert.Equal(single[r], reversedSamples[single.Length - 1 - r]);
        }
    }

    private sealed class LatentOnly
    {
        [VectorType(24)]
        public float[] Latent { get; set; } = [];
    }

    [Fact]
    public void A_named_noise_column_missing_from_the_input_fails_before_training()
    {
        var ml = new MLContext(seed: 1);
        var patches = ml.QGan().Data.Synthetic(count: 16, seed: 3);
        var progress = new CountingProgress();
        var options = new QuantumGanOptions { Qubits = 12, Layers = 1, NoiseColumnName = "Noise", Iterations = 1000, Progress = progress };
        var pipeline = ml.QGan().Transforms.EncodeLatent(Model("encoder.onnx")).Append(ml.QGan().Trainers.QuantumGan(options));

        var shapeError = Assert.Throws<ArgumentOutOfRangeException>(() => pipeline.GetOutputSchema(ShapeOf(patches.Schema)));
        var fitError = Assert.Throws<ArgumentOutOfRangeException>(() => pipeline.Fit(patches));

        Assert.Contains("noise column 'Noise' not found", shapeError.Message);
        Assert.Contains("noise column 'Noise' not found", fitError.Message);
        Assert.Equal(0, progress.Reports);   // no training iteration ran
    }
}
