using QGan.MLNet.Transforms.Onnx;
using Google.Protobuf;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;
using QGan.MLNet.Quantum.State;
using QGan.MLNet.Quantum.Style;
using QGan.MLNet.Trainers.Gan.Evaluation;
using QGan.MLNet.Transforms.Onnx.Proto;
using QGan.MLNet.Trainers.Production;


namespace QGan.MLNet.Trainers.Tests.Production;

public sealed class NoiseToImageExporterTests
{
    private const double Tolerance = 1e-4;

    [Fact]
    public void Quantum_12_qubits_8_layers_matches_the_simulator_and_decoder()
    {
        using var generator = ProductionModels.Quantum(qubits: 12, layers: 8, noiseDim: 12, Readout.ZX);
        var decoder = ProductionModels.Decoder();
        var bytes = NoiseToImageExporter.ExportBytes(generator, decoder);
        var noise = ProductionModels.Noise(rows: 4, width: 12);

        var latents = generator.Generate(noise);
        var images = new OnnxLatentDecoder(new MLContext(seed: 0), decoder).Decode(latents);
        var (onnxLatents, onnxImages, shape) = ProductionModels.Run(bytes, noise, 12);

        Assert.Equal([4, 4, 28, 28], shape);
        Assert.True(ProductionModels.MaxAbsDifference(latents, onnxLatents) < Tolerance, $"latent max diff {ProductionModels.MaxAbsDifference(latents, onnxLatents)}");
        Assert.True(ProductionModels.MaxAbsDifference(images, onnxImages) < Tolerance, $"image max diff {ProductionModels.MaxAbsDifference(images, onnxImages)}");
        // The weights are large enough that the state is far from |0...0> (otherwise every <Z> would be ~1).
        Assert.True(latents.Take(12).Min() < 0.5f);
    }

    [Theory]
    [InlineData(Readout.ZX, 3, 2)]
    [InlineData(Readout.XYZ, 4, 2)]
    [InlineData(Readout.Z, 3, 1)]
    [InlineData(Readout.ZX, 2, 0)]
    [InlineData(Readout.ZX, 2, 3)]
    [InlineData(Readout.XYZ, 5, 3)]
    [InlineData(Readout.ZX, 6, 2)]
    [InlineData(Readout.Z, 1, 0)]
    public void Compiled_circuit_matches_the_reference_statevector(Readout readout, int qubits, int layers)
    {
        // The reference StateVector applies the bound circuit gate by gate (double precision): an independent check
        // of the gate order, the CRY orientation and the readout order.
        using var generator = ProductionModels.Quantum(qubits, layers, noiseDim: 5, readout, initRange: 2.0);
        var model = NoiseToImageExporter.ExportGenerator(generator);
        var noise = ProductionModels.Noise(rows: 3, width: 5);
        using var session = new InferenceSession(model.ToByteArray());
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("noise",
            new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>(noise, [3, 5]))]);
        var onnx = results.Single().AsTensor<float>().ToArray();

        var arch = new StyleArchitecture(qubits, layers, 5, readout);
        var module = generator.WithModule(m => (QGan.MLNet.Trainers.Gan.Quantum.QuantumGenerator)m);
        var w = module.Weights.data<float>().ToArray().Select(v => (double)v).ToArray();
        var b = module.Biases.data<float>().ToArray().Select(v => (double)v).ToArray();
        int n = qubits;
        for (int row = 0; row < 3; row++)
        {
            var z = noise.Skip(row * 5).Take(5).Select(v => (double)v).ToArray();
            var state = new StateVector(n);
            foreach (var op in arch.BuildCircuit(w, b, z).Gates)
            {
                state.Apply(op);
            }
            var expected = readout switch
            {
                Readout.ZX => [.. Enumerable.Range(0, n).Select(state.ExpectationZ), .. Enumerable.Range(0, n).Select(state.ExpectationX)],
                Readout.Z => Enumerable.Range(0, n).Select(state.ExpectationZ).ToArray(),
                _ => (double[])[.. Enumerable.Range(0, n).Select(state.ExpectationX), .. Enumerable.Range(0, n).Select(state.ExpectationY), .. Enumerable.Range(0, n).Select(state.ExpectationZ)],
            };
            for (int k = 0; k < expected.Length; k++)
            {
                Assert.Equal(expected[k], onnx[row * arch.OutputCount + k], 1e-5);
            }
        }
    }

    [Fact]
    public void Classical_generator_export_matches_the_network_and_decoder()
    {
        using var generator = ProductionModels.Classical(noiseDim: 8, hidden: [32, 16], latent: 24);
        var decoder = ProductionModels.Decoder();
        var bytes = NoiseToImageExporter.ExportBytes(generator, decoder);
        var noise = ProductionModels.Noise(rows: 6, width: 8);

        var latents = generator.Generate(noise);
        var images = new OnnxLatentDecoder(new MLContext(seed: 0), decoder).Decode(latents);
        var (onnxLatents, onnxImages, shape) = ProductionModels.Run(bytes, noise, 8);

        Assert.Equal([6, 4, 28, 28], shape);
        Assert.True(ProductionModels.MaxAbsDifference(latents, onnxLatents) < Tolerance);
        Assert.True(ProductionModels.MaxAbsDifference(images, onnxImages) < Tolerance);
    }

    [Fact]
    public void Batch_dimension_is_dynamic_and_rows_are_independent()
    {
        using var generator = ProductionModels.Quantum(qubits: 12, layers: 2, noiseDim: 12, Readout.ZX);
        var bytes = NoiseToImageExporter.ExportBytes(generator, ProductionModels.Decoder());
        var noise = ProductionModels.Noise(rows: 5, width: 12);
        var (all, allImages, _) = ProductionModels.Run(bytes, noise, 12);
        var (one, oneImage, shape) = ProductionModels.Run(bytes, noise.Skip(3 * 12).Take(12).ToArray(), 12);
        Assert.Equal([1, 4, 28, 28], shape);
        Assert.True(ProductionModels.MaxAbsDifference(all.AsSpan(3 * 24, 24), one) < 1e-6);
        Assert.True(ProductionModels.MaxAbsDifference(allImages.AsSpan(3 * 3136, 3136), oneImage) < 1e-5);
    }

    [Fact]
    public void Model_uses_only_standard_operators_and_declares_its_signature()
    {
        using var generator = ProductionModels.Quantum(qubits: 12, layers: 8, noiseDim: 12, Readout.ZX);
        var model = NoiseToImageExporter.Export(generator, ProductionModels.Decoder());

        Assert.All(model.OpsetImport, o => Assert.True(string.IsNullOrEmpty(o.Domain) && o.Version >= 13));
        Assert.All(model.Graph.Node, n => Assert.True(string.IsNullOrEmpty(n.Domain), $"{n.OpType} has domain {n.Domain}"));
        Assert.Equal(["noise"], model.Graph.Input.Select(i => i.Name));
        Assert.Equal(["latent", "image"], model.Graph.Output.Select(o => o.Name));
        // 492 encoded gates compile to a graph of modest size (about 500 nodes with the decoder's dozen): the gates are
        // batched into a few tensor operations per circuit step, not emitted one by one.
        Assert.InRange(model.Graph.Node.Count, 300, 1000);
        Assert.Contains(model.MetadataProps, p => p.Key == "qgan.qubits" && p.Value == "12");

        using var session = new InferenceSession(model.ToByteArray());
        Assert.Equal([-1, 12], session.InputMetadata["noise"].Dimensions);
        Assert.Equal([-1, 24], session.OutputMetadata["latent"].Dimensions);
        Assert.Equal([-1, 4, 28, 28], session.OutputMetadata["image"].Dimensions);
    }

    [Fact]
    public void Decoder_of_another_latent_width_is_refused()
    {
        using var generator = ProductionModels.Quantum(qubits: 3, layers: 1, noiseDim: 4, Readout.ZX);   // 6 latent values
        var error = Assert.Throws<InvalidDataException>(() => { NoiseToImageExporter.Export(generator, ProductionModels.Decoder()); });
        Assert.Contains("decoder.onnx", error.Message);
        Assert.Contains("24", error.Message);
    }

    [Theory]
    [InlineData(13)]
    [InlineData(21)]
    public void Other_opsets_load_and_compute_the_same(int opset)
    {
        using var generator = ProductionModels.Quantum(qubits: 12, layers: 1, noiseDim: 12, Readout.ZX);
        var decoder = ProductionModels.Decoder();
        var noise = ProductionModels.Noise(rows: 2, width: 12);
        var model = NoiseToImageExporter.Export(generator, decoder, opset);
        // The merged model takes the higher of the generator's and the decoder's opsets (the decoder is opset 17).
        Assert.Equal(Math.Max(opset, 17), model.OpsetImport.Single().Version);
        var (latents, images, _) = ProductionModels.Run(model.ToByteArray(), noise, 12);
        var (expectedLatents, expectedImages, _) = ProductionModels.Run(NoiseToImageExporter.ExportBytes(generator, decoder), noise, 12);
        Assert.Equal(expectedLatents, latents);
        Assert.Equal(expectedImages, images);
    }
}
