using System.Text.Json.Serialization;

namespace QGan.MLNet.Quantum.Noise;

/// <summary>The JSON shape of a noise model file ("qgan-noise-model/1"), as deserialized; <see cref="NoiseModelJson"/> validates it.</summary>
internal sealed record NoiseModelDocument
{
    [JsonPropertyName("format")]
    public required string Format { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("qubits")]
    public required QubitDocument[] Qubits { get; init; }

    [JsonPropertyName("gate_2q")]
    public required TwoQubitGatesDocument Gate2Q { get; init; }
}

internal sealed record QubitDocument
{
    [JsonPropertyName("t1_us")]
    public required double T1Us { get; init; }

    [JsonPropertyName("t2_us")]
    public required double T2Us { get; init; }

    [JsonPropertyName("readout")]
    public required ReadoutDocument Readout { get; init; }

    [JsonPropertyName("gate_1q")]
    public required GateDocument Gate1Q { get; init; }
}

internal sealed record ReadoutDocument
{
    [JsonPropertyName("p01")]
    public required double P01 { get; init; }

    [JsonPropertyName("p10")]
    public required double P10 { get; init; }
}

internal sealed record GateDocument
{
    [JsonPropertyName("error")]
    public required double Error { get; init; }

    [JsonPropertyName("duration_ns")]
    public required double DurationNs { get; init; }
}

internal sealed record TwoQubitGatesDocument
{
    [JsonPropertyName("default")]
    public required GateDocument Default { get; init; }

    [JsonPropertyName("pairs")]
    public PairDocument[]? Pairs { get; init; }
}

internal sealed record PairDocument
{
    [JsonPropertyName("qubits")]
    public required int[] Qubits { get; init; }

    [JsonPropertyName("error")]
    public required double Error { get; init; }

    [JsonPropertyName("duration_ns")]
    public required double DurationNs { get; init; }
}
