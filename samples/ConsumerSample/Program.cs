// A consumer of the QGan.MLNet packages: encode SAT-4 patches, train a tiny quantum GAN inside an ML.NET chain, save and
// load the chain, use it in a PredictionEngine, export the generator to ONNX and run it with ML.NET's ApplyOnnxModel,
// checking at every step that the outputs agree. Exits with 1 on the first disagreement. CI runs it against freshly
// packed packages (scripts/run-consumer-sample.sh).
using Microsoft.ML;
using Microsoft.ML.Data;
using QGan.MLNet.Transforms.Catalog;

var ml = new MLContext(seed: 1);
var work = Directory.CreateTempSubdirectory("qgan-consumer-sample-").FullName;
try
{
    var patches = ml.QGan().Data.Synthetic(count: 48, seed: 7);

    // 1. Encode with the shipped autoencoder (it travels with the package): batch and PredictionEngine agree.
    var encoder = ml.QGan().Transforms.EncodeLatent().Fit(patches);
    var latents = encoder.Transform(patches).GetColumn<float[]>("Latent").ToArray();
    var patchRows = ml.Data.CreateEnumerable<PatchRow>(patches, reuseRowObject: false).ToArray();
    var encodeEngine = ml.Model.CreatePredictionEngine<PatchRow, LatentRow>(encoder);
    Check.Close("encode: PredictionEngine vs batch", latents[3], encodeEngine.Predict(patchRows[3]).Latent, 1e-5);
    Check.True("encode: 24 latent values in (-1, 1)", latents.All(l => l.Length == 24 && l.All(v => v > -1 && v < 1)));

    // 2. Train a tiny GAN inside a chain: encode -> 12-qubit style generator -> decode. Each row gets one sample
    //    (noise drawn from the seed and the row), so the generated column is a function of the input row.
    var chain = ml.QGan().Transforms.EncodeLatent()
        .Append(ml.QGan().Trainers.QuantumGan(o =>
        {
            o.Qubits = 12; o.Layers = 1; o.NoiseDimension = 6; o.CriticHidden = [16];
            o.BatchSize = 8; o.CriticSteps = 1; o.Iterations = 3; o.Seed = 3; o.Threads = 1;
            o.OutputColumnName = "GeneratedLatent";
        }))
        .Append(ml.QGan().Transforms.DecodeLatent(inputColumn: "GeneratedLatent", outputColumn: "Generated"));
    var model = chain.Fit(patches);
    var output = model.Transform(patches);
    var generated = output.GetColumn<float[]>("Generated").ToArray();
    var generatedLatents = output.GetColumn<float[]>("GeneratedLatent").ToArray();
    Check.True("chain: 48 generated images of 3136 values in [0, 1]", generated.Length == 48 && generated.All(g => g.Length == 3136 && g.All(v => v >= 0 && v <= 1)));
    Check.Close("chain: its encoder stage computes the same latents", latents[5], output.GetColumn<float[]>("Latent").ElementAt(5), 1e-6);

    // 3. Model.Save / Model.Load: the saved chain is plain ML.NET transforms with the same outputs.
    var zip = Path.Combine(work, "chain.zip");
    ml.Model.Save(model, patches.Schema, zip);
    var loaded = ml.Model.Load(zip, out var inputSchema);
    var reloaded = loaded.Transform(patches).GetColumn<float[]>("Generated").ToArray();
    for (int i = 0; i < generated.Length; i++)
    {
        Check.Close($"save/load: row {i}", generated[i], reloaded[i], 1e-5);
    }

    // 4. PredictionEngine on the loaded chain.
    var engine = ml.Model.CreatePredictionEngine<PatchRow, GeneratedRow>(loaded, inputSchemaDefinition: null);
    foreach (int i in new[] { 0, 17, 47 })
    {
        Check.Close($"PredictionEngine: row {i}", generated[i], engine.Predict(patchRows[i]).Generated, 1e-5);
    }

    // 5. Export the generator (row -> generated latent, the same samples) and run it with ML.NET's ApplyOnnxModel.
    var onnx = Path.Combine(work, "generator.onnx");
    ml.QGan().Trainers.ExportGeneratorOnnx(model, onnx);
    var latentView = encoder.Transform(patches);
    var applied = ml.Transforms.CopyColumns("row", "Latent")
        .Append(ml.Transforms.ApplyOnnxModel(outputColumnNames: ["latent"], inputColumnNames: ["row"], modelFile: onnx))
        .Fit(latentView).Transform(latentView)
        .GetColumn<float[]>("latent").ToArray();
    for (int i = 0; i < generatedLatents.Length; i++)
    {
        Check.Close($"ApplyOnnxModel: row {i}", generatedLatents[i], applied[i], 1e-5);
    }

    Console.WriteLine($"consumer sample: all checks passed ({Check.Count} checks; input schema: {string.Join(", ", inputSchema.Select(c => c.Name))})");
    return 0;
}
catch (CheckFailedException ex)
{
    Console.Error.WriteLine($"consumer sample FAILED: {ex.Message}");
    return 1;
}
finally
{
    Directory.Delete(work, recursive: true);
}

internal sealed class PatchRow
{
    [VectorType(3136)]
    public float[] Image { get; set; } = [];

    public int Label { get; set; }
}

internal sealed class LatentRow
{
    [VectorType(24)]
    public float[] Latent { get; set; } = [];
}

internal sealed class GeneratedRow
{
    [VectorType(3136)]
    public float[] Generated { get; set; } = [];
}

internal sealed class CheckFailedException(string message) : Exception(message);

internal static class Check
{
    public static int Count { get; private set; }

    public static void True(string what, bool condition)
    {
        Count++;
        if (!condition)
        {
            throw new CheckFailedException(what);
        }
    }

    public static void Close(string what, float[] expected, float[] actual, double tolerance)
    {
        Count++;
        if (expected.Length != actual.Length)
        {
            throw new CheckFailedException($"{what}: {expected.Length} vs {actual.Length} values");
        }
        for (int i = 0; i < expected.Length; i++)
        {
            if (!(Math.Abs(expected[i] - actual[i]) <= tolerance))
            {
                throw new CheckFailedException($"{what}: value {i} is {actual[i]}, expected {expected[i]} (tolerance {tolerance})");
            }
        }
    }
}
