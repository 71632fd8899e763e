using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using QGan.MLNet.Core.Limits;
using QGan.MLNet.Quantum.Circuits;
using QGan.MLNet.Quantum.Parameters;
using QGan.MLNet.Quantum.Qasm;
using QGan.MLNet.Quantum.State;
using QGan.MLNet.Quantum.Style;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Cli.Commands;

/// <summary>
/// <c>qgan circuit</c>: binds the style circuit to one set of parameters (drawn from a seed or read from a JSON
/// file), prints the exact &lt;Z_i&gt; and &lt;X_i&gt; as one JSON object and optionally writes the bound circuit as
/// OpenQASM 2.0 / 3 files (atomically, only after everything else succeeded).
/// </summary>
public static class CircuitCommand
{
    /// <summary>Largest register this command simulates (2^26 amplitudes = 1 GiB).</summary>
    public const int MaxQubits = 26;

    public static Command Create()
    {
        var qubits = new Option<int>("--qubits") { Description = "Number of qubits n.", Required = true };
        var layers = new Option<int>("--layers") { Description = "Number of style layers L.", Required = true };
        var latentDim = new Option<int?>("--latent-dim") { Description = "Latent (noise) dimension D; default n." };
        var seed = new Option<string?>("--seed") { Description = "Draw weights and biases uniformly in [-pi, pi) and the noise from N(0,1) with this seed (an integer in 0..2^64-1; xoshiro256**)." };
        var paramsFile = new Option<FileInfo?>("--params") { Description = "JSON file with \"weights\", \"biases\" and \"noise\" arrays (other keys are ignored)." };
        var qasm = new Option<FileInfo?>("--qasm") { Description = "Write the bound circuit as OpenQASM 2.0 to this file." };
        var qasm3 = new Option<FileInfo?>("--qasm3") { Description = "Write the bound circuit as OpenQASM 3 to this file." };
        var measure = new Option<string>("--measure") { Description = "Measurement appended in the QASM files: z, x (H on every qubit first) or none.", DefaultValueFactory = _ => "z" };
        var qasm3Inputs = new Option<bool>("--qasm3-inputs") { Description = "In the OpenQASM 3 file, declare the angles as 'input float[64] theta_g;' parameters instead of literals." };

        var command = new Command("circuit", "Bind the style circuit, print the exact <Z_i> and <X_i> as JSON and export OpenQASM.");
        foreach (var option in new Option[] { qubits, layers, latentDim, seed, paramsFile, qasm, qasm3, measure, qasm3Inputs })
        {
            command.Options.Add(option);
        }
        command.SetAction(parseResult => CommandRunner.Run(() =>
        {
            int n = parseResult.GetValue(qubits);
            if (n is < 1 or > MaxQubits)
            {
                throw new ArgumentException($"--qubits must be in 1..{MaxQubits}, got {n}");
            }
            int l = SizeLimits.Check(parseResult.GetValue(layers), 0, SizeLimits.MaxLayers, "--layers");
            int d = parseResult.GetValue(latentDim) ?? n;
            if (d < 1 || d > SizeLimits.MaxNoiseDimension)
            {
                throw new ArgumentException($"--latent-dim must be in 1..{SizeLimits.MaxNoiseDimension}, got {d}");
            }
            var architecture = new StyleArchitecture(n, l, d);
            var seedValue = ParseSeed(parseResult.GetValue(seed));
            var file = parseResult.GetValue(paramsFile);
            if (seedValue.HasValue == (file is not null))
            {
                throw new ArgumentException("give exactly one of --seed and --params");
            }
            var measurement = ParseMeasurement(parseResult.GetValue(measure));
            var parameters = seedValue.HasValue
                ? StyleParameters.Random(architecture, seedValue.Value)
                : StyleParameters.Load(file!.FullName, architecture);

            var circuit = architecture.BuildCircuit(parameters.Weights, parameters.Biases, parameters.Noise);
            var state = new StateVector(n);
            state.Apply(circuit);
            var json = OutputJson(state);

            string origin = seedValue.HasValue ? $"seed {seedValue.Value.ToString(CultureInfo.InvariantCulture)}" : $"params {file!.Name}";
            string comment = $"style circuit: {n} qubits, {l} layers, latent dim {d}, {origin}";
            var qasmOut = parseResult.GetValue(qasm);
            var qasm3Out = parseResult.GetValue(qasm3);
            // Render everything before writing anything, so a failure leaves no output file behind.
            string? text2 = qasmOut is null ? null : QasmExporter.ToOpenQasm2(circuit, new QasmExportOptions(measurement, Comment: comment));
            string? text3 = qasm3Out is null ? null : QasmExporter.ToOpenQasm3(circuit, new QasmExportOptions(measurement, parseResult.GetValue(qasm3Inputs), Comment: comment));
            if (text2 is not null)
            {
                AtomicFile.WriteAllText(qasmOut!.FullName, text2);
            }
            if (text3 is not null)
            {
                AtomicFile.WriteAllText(qasm3Out!.FullName, text3);
            }
            Console.Out.WriteLine(json);
            return 0;
        }));
        return command;
    }

    private static ulong? ParseSeed(string? text)
    {
        if (text is null)
        {
            return null;
        }
        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"--seed must be an integer in 0..18446744073709551615, got \"{text}\"");
    }

    private static QasmMeasurement ParseMeasurement(string? value) => value?.ToLowerInvariant() switch
    {
        "z" => QasmMeasurement.Z,
        "x" => QasmMeasurement.X,
        "none" => QasmMeasurement.None,
        _ => throw new ArgumentException($"--measure must be z, x or none, got \"{value}\""),
    };

    /// <summary>{"z": [...], "x": [...]} with full round-trip double precision.</summary>
    private static string OutputJson(StateVector state)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("z");
            for (int q = 0; q < state.QubitCount; q++)
            {
                writer.WriteNumberValue(state.ExpectationZ(q));
            }
            writer.WriteEndArray();
            writer.WriteStartArray("x");
            for (int q = 0; q < state.QubitCount; q++)
            {
                writer.WriteNumberValue(state.ExpectationX(q));
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
