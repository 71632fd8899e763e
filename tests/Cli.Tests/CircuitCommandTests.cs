using System.Globalization;
using System.Text.Json;
using QGan.MLNet.Quantum.Parameters;
using QGan.MLNet.Quantum.State;
using QGan.MLNet.Quantum.Style;
using QGan.MLNet.Tests.Shared;

namespace QGan.MLNet.Cli.Tests;

/// <summary>The <c>qgan circuit</c> contract, run as a process as other tools do.</summary>
public sealed class CircuitCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qgan-circuit-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<int> StyleCases()
    {
        var data = new TheoryData<int>();
        using var doc = JsonDocument.Parse(File.ReadAllText(Fixtures.Path("quantum", "reference-circuits.json")));
        int i = 0;
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            if (c.GetProperty("kind").GetString() == "style")
            {
                data.Add(i);
            }
            i++;
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(StyleCases))]
    public void Fixture_case_as_params_file_reproduces_z_and_x(int index)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Fixtures.Path("quantum", "reference-circuits.json")));
        var c = doc.RootElement.GetProperty("cases")[index];
        var paramsPath = Path.Combine(_dir, "case.json");
        File.WriteAllText(paramsPath, c.GetRawText());
        var qasmPath = Path.Combine(_dir, "out", "case.qasm");

        var result = QganProcess.Run("circuit", "--qubits", Int(c, "qubits"), "--layers", Int(c, "layers"),
            "--latent-dim", Int(c, "latent_dim"), "--params", paramsPath, "--qasm", qasmPath);

        Assert.True(result.ExitCode == 0, result.StdErr);
        using var output = JsonDocument.Parse(result.StdOut);
        Assert.Equal(2, output.RootElement.EnumerateObject().Count());
        foreach (var key in new[] { "z", "x" })
        {
            var expected = c.GetProperty(key).EnumerateArray().Select(e => e.GetDouble()).ToArray();
            var actual = output.RootElement.GetProperty(key).EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Assert.Equal(expected.Length, actual.Length);
            for (int q = 0; q < expected.Length; q++)
            {
                Assert.True(Math.Abs(expected[q] - actual[q]) < 1e-10, $"{key}[{q}]: {actual[q]} vs fixture {expected[q]}");
            }
        }
        var qasm = File.ReadAllText(qasmPath);
        Assert.StartsWith("OPENQASM 2.0;", qasm);
        int n = c.GetProperty("qubits").GetInt32();
        Assert.Equal(5 * n * c.GetProperty("layers").GetInt32() + n, qasm.Split('\n').Count(l => l.StartsWith("ry(") || l.StartsWith("rz(") || l.StartsWith("cry(")));
        Assert.Equal(n, qasm.Split('\n').Count(l => l.StartsWith("measure ")));
    }

    [Fact]
    public void Seed_draws_the_documented_parameters_and_is_deterministic()
    {
        var q2 = Path.Combine(_dir, "s.qasm");
        var q3 = Path.Combine(_dir, "s3.qasm");
        var first = QganProcess.Run("circuit", "--qubits", "4", "--layers", "2", "--latent-dim", "3", "--seed", "12345", "--qasm", q2, "--qasm3", q3, "--measure", "x", "--qasm3-inputs");
        var second = QganProcess.Run("circuit", "--qubits", "4", "--layers", "2", "--latent-dim", "3", "--seed", "12345");

        Assert.True(first.ExitCode == 0, first.StdErr);
        Assert.Equal(first.StdOut, second.StdOut);

        var arch = new StyleArchitecture(4, 2, 3);
        var p = StyleParameters.Random(arch, 12345);
        var state = new StateVector(4);
        state.Apply(arch.BuildCircuit(p.Weights, p.Biases, p.Noise));
        using var output = JsonDocument.Parse(first.StdOut);
        Assert.Equal(Enumerable.Range(0, 4).Select(state.ExpectationZ), output.RootElement.GetProperty("z").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(Enumerable.Range(0, 4).Select(state.ExpectationX), output.RootElement.GetProperty("x").EnumerateArray().Select(e => e.GetDouble()));

        var text3 = File.ReadAllText(q3);
        Assert.StartsWith("OPENQASM 3.0;", text3);
        Assert.Equal(arch.EncodedGateCount, text3.Split('\n').Count(l => l.StartsWith("input float[64] theta_")));
        Assert.Equal(4, text3.Split('\n').Count(l => l.StartsWith("h q[")));
        Assert.Contains("seed 12345", File.ReadAllText(q2));
    }

    [Theory]
    [InlineData("100000000")]
    [InlineData("2000000000")]
    public void Impossible_layer_counts_exit_2_naming_the_flag_before_allocating(string layers)
    {
        var result = QganProcess.Run("circuit", "--qubits", "2", "--layers", layers, "--seed", "1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--layers must be in 0..1,024", result.StdErr);
        Assert.Equal("", result.StdOut);
    }

    [Fact]
    public void Latent_dim_defaults_to_the_qubit_count()
    {
        var implicitDim = QganProcess.Run("circuit", "--qubits", "3", "--layers", "1", "--seed", "7");
        var explicitDim = QganProcess.Run("circuit", "--qubits", "3", "--layers", "1", "--latent-dim", "3", "--seed", "7");
        var otherDim = QganProcess.Run("circuit", "--qubits", "3", "--layers", "1", "--latent-dim", "2", "--seed", "7");
        Assert.Equal(0, implicitDim.ExitCode);
        Assert.Equal(explicitDim.StdOut, implicitDim.StdOut);
        Assert.NotEqual(otherDim.StdOut, implicitDim.StdOut);
    }

    [Theory]
    [InlineData("weights", "\"weights\" has 32 values, expected 33")]
    [InlineData("biases", "\"biases\" has 32 values, expected 33")]
    [InlineData("noise", "\"noise\" has 2 values, expected 3")]
    public void Wrong_lengths_name_the_key_and_the_expected_length(string key, string message)
    {
        var p = StyleParameters.Random(new StyleArchitecture(3, 2, 3), 1);
        var values = new Dictionary<string, double[]> { ["weights"] = p.Weights, ["biases"] = p.Biases, ["noise"] = p.Noise };
        values[key] = values[key][..^1];
        var paramsPath = Path.Combine(_dir, "bad.json");
        File.WriteAllText(paramsPath, JsonSerializer.Serialize(values));
        var qasmPath = Path.Combine(_dir, "never.qasm");

        var result = QganProcess.Run("circuit", "--qubits", "3", "--layers", "2", "--params", paramsPath, "--qasm", qasmPath);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.StdErr);
        Assert.Contains("bad.json", result.StdErr);
        Assert.Equal("", result.StdOut);
        Assert.False(File.Exists(qasmPath));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("{\"biases\": [], \"noise\": []}", "missing key \"weights\"")]
    [InlineData("[1, 2]", "must be a JSON object")]
    [InlineData("{\"weights\": ", "not valid JSON")]
    public void Malformed_params_files_fail_clearly(string json, string message)
    {
        var paramsPath = Path.Combine(_dir, "p.json");
        File.WriteAllText(paramsPath, json);
        var result = QganProcess.Run("circuit", "--qubits", "2", "--layers", "1", "--params", paramsPath);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.StdErr);
    }

    [Fact]
    public void Non_numeric_entries_are_named_by_index()
    {
        var p = StyleParameters.Random(new StyleArchitecture(2, 1, 2), 1);
        var json = $"{{\"weights\": {JsonSerializer.Serialize(p.Weights)}, \"biases\": {JsonSerializer.Serialize(p.Biases)}, \"noise\": [\"NaN\", 0.5]}}";
        var paramsPath = Path.Combine(_dir, "nan.json");
        File.WriteAllText(paramsPath, json);
        var result = QganProcess.Run("circuit", "--qubits", "2", "--layers", "1", "--params", paramsPath);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("\"noise\"[0] is not a finite number", result.StdErr);
    }

    [Theory]
    [InlineData("exactly one of --seed and --params", "--qubits", "3", "--layers", "1")]
    [InlineData("exactly one of --seed and --params", "--qubits", "3", "--layers", "1", "--seed", "1", "--params", "x.json")]
    [InlineData("--seed must be an integer", "--qubits", "3", "--layers", "1", "--seed", "-4")]
    [InlineData("--qubits must be in", "--qubits", "0", "--layers", "1", "--seed", "1")]
    [InlineData("--layers must be in 0..1,024", "--qubits", "3", "--layers", "-1", "--seed", "1")]
    [InlineData("--latent-dim must be in 1..4096", "--qubits", "3", "--layers", "1", "--latent-dim", "0", "--seed", "1")]
    [InlineData("--measure must be z, x or none", "--qubits", "3", "--layers", "1", "--seed", "1", "--measure", "y")]
    [InlineData("params file not found", "--qubits", "3", "--layers", "1", "--params", "does-not-exist.json")]
    public void Bad_flags_exit_with_an_input_error(string message, params string[] args)
    {
        var result = QganProcess.RunIn(_dir, ["circuit", .. args]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.StdErr);
        Assert.Equal("", result.StdOut);
    }

    private static string Int(JsonElement c, string key) => c.GetProperty(key).GetInt32().ToString(CultureInfo.InvariantCulture);
}
