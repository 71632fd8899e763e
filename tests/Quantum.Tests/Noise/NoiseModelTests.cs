using QGan.MLNet.Quantum.Gates;
using QGan.MLNet.Quantum.Noise;
using QGan.MLNet.Quantum.Sampling;
using QGan.MLNet.Tests.Shared;

namespace QGan.MLNet.Quantum.Tests.Noise;

public sealed class NoiseModelTests
{
    private static string ExamplePath => Path.Combine(Fixtures.RepoRoot, "models", "noise", "ibm-heron-like.json");

    [Fact]
    public void Example_heron_like_model_loads_with_published_magnitudes()
    {
        var model = NoiseModelJson.Load(ExamplePath);

        Assert.Equal("ibm-heron-like", model.Name);
        Assert.Equal(12, model.QubitCount);
        foreach (var q in model.Qubits)
        {
            Assert.InRange(q.T1Us, 150, 300);
            Assert.InRange(q.T2Us, 100, 200);
            Assert.InRange(q.Readout.P01, 0.005, 0.02);
            Assert.InRange(q.Readout.P10, 0.01, 0.02);
            Assert.InRange(q.Gate1QError, 2e-4, 3e-4);
            Assert.InRange(q.Gate1QDurationNs, 32, 60);
        }
        Assert.Equal(12, model.Pairs.Count);
        Assert.All(model.Pairs.Values, p => Assert.InRange(p.Error, 3e-3, 5e-3));
        Assert.All(model.Pairs.Values, p => Assert.InRange(p.DurationNs, 68, 84));
        // The ring pair (11, 0) is stored unordered.
        Assert.Equal(4.1e-3, model.TwoQubitGate(0, 11).Error);
        Assert.Equal(model.TwoQubitDefault, model.TwoQubitGate(0, 5));
    }

    [Fact]
    public void Gates_get_depolarizing_then_relaxation_and_ideal_models_add_nothing()
    {
        var model = NoiseModelJson.Load(ExamplePath);
        var after1 = Assert.Single(model.After(GateOp.Ry(3, 0.2)));
        var single = Assert.IsType<SingleQubitNoise>(after1);
        Assert.Equal(3, single.Qubit);
        Assert.True(single.Channel.IsTracePreserving());

        var after2 = model.After(GateOp.Cry(4, 5, 0.3));
        Assert.Equal(3, after2.Count);
        var two = Assert.IsType<TwoQubitNoise>(after2[0]);
        Assert.Equal((4, 5), (two.First, two.Second));
        Assert.Equal([4, 5], after2.Skip(1).Cast<SingleQubitNoise>().Select(s => s.Qubit));

        var ideal = NoiseModel.Ideal(3);
        Assert.Empty(ideal.After(GateOp.H(0)));
        Assert.Empty(ideal.After(GateOp.Cx(0, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ideal.After(GateOp.H(3)));
    }

    private const string Valid = """
        {
          "format": "qgan-noise-model/1",
          "name": "tiny",
          "qubits": [
            { "t1_us": 100, "t2_us": 80, "readout": { "p01": 0.01, "p10": 0.02 }, "gate_1q": { "error": 0.001, "duration_ns": 35 } },
            { "t1_us": 120, "t2_us": 90, "readout": { "p01": 0.02, "p10": 0.03 }, "gate_1q": { "error": 0.002, "duration_ns": 35 } }
          ],
          "gate_2q": { "default": { "error": 0.01, "duration_ns": 70 }, "pairs": [ { "qubits": [1, 0], "error": 0.02, "duration_ns": 80 } ] }
        }
        """;

    [Fact]
    public void Valid_document_round_trips_its_values()
    {
        var model = NoiseModelJson.Parse(Valid);
        Assert.Equal(2, model.QubitCount);
        Assert.Equal(new QubitNoiseProperties(120, 90, new ReadoutError(0.02, 0.03), 0.002, 35), model.Qubits[1]);
        Assert.Equal(new TwoQubitGateProperties(0.02, 80), model.TwoQubitGate(0, 1));
    }

    [Theory]
    [InlineData("\"t1_us\": 100, ", "", "$.qubits[0].t1_us is missing")]
    [InlineData("\"t1_us\": 100,", "\"t1_us\": 100, \"t3_us\": 5,", "$.qubits[0].t3_us is not a known field")]
    [InlineData("\"t1_us\": 120", "\"t1_us\": -120", "$.qubits[1].t1_us")]
    [InlineData("\"t2_us\": 90", "\"t2_us\": \"NaN\"", "$.qubits[1].t2_us must be a number, found string")]
    [InlineData("\"t2_us\": 90", "\"t2_us\": 1e400", "$.qubits[1].t2_us must be a finite number")]
    [InlineData("\"t1_us\": 100,", "\"t1_us\": 100, \"T2_us\": 5,", "$.qubits[0].T2_us is not a known field (expected t1_us, t2_us, readout, gate_1q)")]
    [InlineData("\"qubits\": [1, 0]", "\"qubits\": [1.5, 0]", "$.gate_2q.pairs[0].qubits[0] must be an integer")]
    [InlineData("\"t2_us\": 90", "\"t2_us\": 250", "$.qubits[1].t2_us")]
    [InlineData("\"p10\": 0.03", "\"p10\": 1.5", "$.qubits[1].readout.p10")]
    [InlineData("\"p01\": 0.02, \"p10\": 0.03", "\"p01\": 0.6, \"p10\": 0.5", "$.qubits[1].readout p01 + p10")]
    [InlineData("\"error\": 0.002", "\"error\": null", "$.qubits[1].gate_1q.error")]
    [InlineData("\"duration_ns\": 35 } },\n", "\"duration_ns\": -1 } },\n", "$.qubits[0].gate_1q.duration_ns")]
    [InlineData("\"default\": { \"error\": 0.01, ", "\"default\": { ", "$.gate_2q.default.error is missing")]
    [InlineData("[1, 0]", "[1, 2]", "$.gate_2q.pairs[0].qubits[1]")]
    [InlineData("[1, 0]", "[1, 1]", "$.gate_2q.pairs[0].qubits names qubit 1 twice")]
    [InlineData("\"format\": \"qgan-noise-model/1\"", "\"format\": \"other/2\"", "$.format")]
    [InlineData("\"name\": \"tiny\",", "\"name\": \"tiny\", \"name\": \"again\",", "$.name is given twice")]
    public void Invalid_documents_fail_naming_the_json_path(string find, string replace, string expected)
    {
        Assert.Contains(find, Valid);
        var json = Valid.Replace(find, replace, StringComparison.Ordinal);
        var ex = Assert.Throws<InvalidDataException>(() => NoiseModelJson.Parse(json, "device.json"));
        Assert.Contains(expected, ex.Message);
        Assert.StartsWith("device.json: ", ex.Message);
    }

    [Fact]
    public void Duplicate_pairs_missing_files_and_broken_json_are_reported()
    {
        var twice = Valid.Replace("\"pairs\": [ ", "\"pairs\": [ { \"qubits\": [0, 1], \"error\": 0.02, \"duration_ns\": 80 }, ", StringComparison.Ordinal);
        Assert.Contains("given twice", Assert.Throws<InvalidDataException>(() => NoiseModelJson.Parse(twice)).Message);
        Assert.Throws<FileNotFoundException>(() => NoiseModelJson.Load(Path.Combine(Path.GetTempPath(), "no-such-noise-model.json")));
        Assert.Contains("not valid JSON", Assert.Throws<InvalidDataException>(() => NoiseModelJson.Parse("{ \"format\": ")).Message);
        Assert.Contains("$.qubits must be a non-empty array", Assert.Throws<InvalidDataException>(() =>
            NoiseModelJson.Parse("""{ "format": "qgan-noise-model/1", "qubits": [], "gate_2q": { "default": { "error": 0, "duration_ns": 0 } } }""")).Message);
    }

    [Fact]
    public void Constructor_rejects_unphysical_values()
    {
        Assert.Throws<ArgumentException>(() => NoiseModel.Uniform(2, 100, 201, ReadoutError.None, 0, 0, 0, 0));
        Assert.Throws<ArgumentException>(() => NoiseModel.Uniform(2, 100, 100, ReadoutError.None, 2, 0, 0, 0));
        Assert.Throws<ArgumentException>(() => NoiseModel.Uniform(2, 100, 100, ReadoutError.None, 0, 0, double.NaN, 0));
        Assert.Throws<ArgumentException>(() => new NoiseModel([new QubitNoiseProperties(100, 100, ReadoutError.None, 0, 0)],
            new TwoQubitGateProperties(0, 0), [new((0, 1), new TwoQubitGateProperties(0, 0))]));
    }
}
