using QGan.MLNet.Quantum.Circuits;
using QGan.MLNet.Quantum.Noise;
using QGan.MLNet.Quantum.Parameters;
using QGan.MLNet.Quantum.Style;

namespace QGan.MLNet.Benchmarks.Quantum;

/// <summary>Shared inputs: the paper's 12-qubit, 2-layer style circuit bound to seeded parameters, and the example device model.</summary>
internal static class NoiseBenchmarkSetup
{
    public static Circuit StyleCircuit(int qubits, int layers)
    {
        var arch = new StyleArchitecture(qubits, layers, qubits);
        var p = StyleParameters.Random(arch, 2026);
        return arch.BuildCircuit(p.Weights, p.Biases, p.Noise);
    }

    public static NoiseModel HeronLike()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "QGan.MLNet.sln")))
        {
            dir = dir.Parent;
        }
        if (dir is null)
        {
            throw new FileNotFoundException("cannot find the repository root (QGan.MLNet.sln) to load models/noise/ibm-heron-like.json");
        }
        return NoiseModelJson.Load(Path.Combine(dir.FullName, "models", "noise", "ibm-heron-like.json"));
    }
}
