namespace QGan.MLNet.Quantum.Qasm;

/// <summary>What is appended to the circuit before it is exported.</summary>
public enum QasmMeasurement
{
    /// <summary>No classical register and no measurement.</summary>
    None,
    /// <summary>Measure every qubit in the computational basis (c[i] = qubit i).</summary>
    Z,
    /// <summary>H on every qubit, then measure: X-basis readout (the second circuit of the style readout).</summary>
    X,
}

/// <summary>Options of <see cref="QasmExporter"/>.</summary>
/// <param name="Measurement">Measurement appended after the gates (default: Z basis).</param>
/// <param name="ParameterizeAngles">
/// OpenQASM 3 only: declare every gate angle as <c>input float[64] {prefix}k;</c> (k = 0, 1, ... in gate order, three
/// per U gate) and use the names in the gates, so runtimes can bind them; the values are
/// <see cref="QasmExporter.ParameterValues"/>.
/// </param>
/// <param name="ParameterPrefix">Name prefix of the input parameters (a valid identifier).</param>
/// <param name="Comment">Optional comment lines written after the version line.</param>
public sealed record QasmExportOptions(
    QasmMeasurement Measurement = QasmMeasurement.Z,
    bool ParameterizeAngles = false,
    string ParameterPrefix = "theta_",
    string? Comment = null);
