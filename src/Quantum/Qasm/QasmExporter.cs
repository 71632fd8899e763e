using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using QGan.MLNet.Quantum.Circuits;
using QGan.MLNet.Quantum.Gates;

namespace QGan.MLNet.Quantum.Qasm;

/// <summary>
/// Writes a <see cref="Circuit"/> as OpenQASM 2.0 (qelib1.inc) or OpenQASM 3 (stdgates.inc) text. Qubit i of the
/// circuit is q[i] and is measured into c[i], so Qiskit-style count keys have qubit 0 rightmost. Angles are printed
/// shortest round-trip ("R", invariant culture, always with a decimal point), so parsing the text back gives the
/// bit-identical doubles.
/// </summary>
public static partial class QasmExporter
{
    /// <summary>OpenQASM 2.0: <c>qreg q[n]; creg c[n];</c>, gates from qelib1.inc (U is written as <c>u3</c>).</summary>
    public static string ToOpenQasm2(Circuit circuit, QasmExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        options ??= new QasmExportOptions();
        if (options.ParameterizeAngles)
        {
            throw new NotSupportedException("OpenQASM 2.0 has no input parameters; export OpenQASM 3 to parameterize the angles");
        }
        int n = circuit.QubitCount;
        var sb = new StringBuilder();
        sb.Append("OPENQASM 2.0;\n");
        AppendComment(sb, options.Comment);
        sb.Append("include \"qelib1.inc\";\n");
        sb.Append($"qreg q[{n}];\n");
        if (options.Measurement != QasmMeasurement.None)
        {
            sb.Append($"creg c[{n}];\n");
        }
        foreach (var op in circuit.Gates)
        {
            AppendGate(sb, op, Name(op, qasm3: false), op.Kind == GateKind.U ? [Angle(op.Theta), Angle(op.Phi), Angle(op.Lambda)] : Angles(op));
        }
        AppendMeasurement(sb, n, options.Measurement, (s, q) => s.Append($"measure q[{q}] -> c[{q}];\n"));
        return sb.ToString();
    }

    /// <summary>OpenQASM 3: <c>qubit[n] q; bit[n] c;</c>, gates from stdgates.inc plus the built-in <c>U</c>.</summary>
    public static string ToOpenQasm3(Circuit circuit, QasmExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        options ??= new QasmExportOptions();
        if (options.ParameterizeAngles && !IdentifierRegex().IsMatch(options.ParameterPrefix))
        {
            throw new ArgumentException($"parameter prefix \"{options.ParameterPrefix}\" is not a valid OpenQASM identifier", nameof(options));
        }
        int n = circuit.QubitCount;
        var sb = new StringBuilder();
        sb.Append("OPENQASM 3.0;\n");
        AppendComment(sb, options.Comment);
        sb.Append("include \"stdgates.inc\";\n");
        int parameterCount = circuit.Gates.Sum(g => g.ParameterCount);
        if (options.ParameterizeAngles)
        {
            for (int k = 0; k < parameterCount; k++)
            {
                sb.Append($"input float[64] {options.ParameterPrefix}{k};\n");
            }
        }
        sb.Append($"qubit[{n}] q;\n");
        if (options.Measurement != QasmMeasurement.None)
        {
            sb.Append($"bit[{n}] c;\n");
        }
        int next = 0;
        foreach (var op in circuit.Gates)
        {
            string[] args;
            if (options.ParameterizeAngles)
            {
                args = new string[op.ParameterCount];
                for (int j = 0; j < args.Length; j++)
                {
                    args[j] = options.ParameterPrefix + (next++).ToString(CultureInfo.InvariantCulture);
                }
            }
            else
            {
                args = op.Kind == GateKind.U ? [Angle(op.Theta), Angle(op.Phi), Angle(op.Lambda)] : Angles(op);
            }
            AppendGate(sb, op, Name(op, qasm3: true), args);
        }
        AppendMeasurement(sb, n, options.Measurement, (s, q) => s.Append($"c[{q}] = measure q[{q}];\n"));
        return sb.ToString();
    }

    /// <summary>Values of the parameters of a parameterized export, in declaration order (theta for rotations; theta, phi, lambda for U).</summary>
    public static double[] ParameterValues(Circuit circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        var values = new List<double>();
        foreach (var op in circuit.Gates)
        {
            if (op.Kind == GateKind.U)
            {
                values.AddRange([op.Theta, op.Phi, op.Lambda]);
            }
            else if (op.ParameterCount == 1)
            {
                values.Add(op.Theta);
            }
        }
        return values.ToArray();
    }

    /// <summary>
    /// Shortest round-trip text of an angle (invariant culture), with a decimal point in the mantissa as the
    /// OpenQASM 2.0 grammar requires ("2" -&gt; "2.0", "1E-05" -&gt; "1.0E-05").
    /// </summary>
    public static string Angle(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"angle {value} is not finite", nameof(value));
        }
        var s = value.ToString("R", CultureInfo.InvariantCulture);
        if (s.Contains('.', StringComparison.Ordinal))
        {
            return s;
        }
        int e = s.IndexOf('E', StringComparison.Ordinal);
        return e < 0 ? s + ".0" : s[..e] + ".0" + s[e..];
    }

    private static string[] Angles(in GateOp op) => op.ParameterCount == 1 ? [Angle(op.Theta)] : [];

    private static string Name(in GateOp op, bool qasm3) => op.Kind switch
    {
        GateKind.U => qasm3 ? "U" : "u3",
        _ => op.QasmName,
    };

    private static void AppendGate(StringBuilder sb, in GateOp op, string name, string[] args)
    {
        sb.Append(name);
        if (args.Length > 0)
        {
            sb.Append('(').Append(string.Join(", ", args)).Append(')');
        }
        sb.Append(' ');
        if (op.IsControlled)
        {
            sb.Append($"q[{op.Control}], ");
        }
        sb.Append($"q[{op.Target}];\n");
    }

    private static void AppendMeasurement(StringBuilder sb, int n, QasmMeasurement measurement, Action<StringBuilder, int> measure)
    {
        if (measurement == QasmMeasurement.None)
        {
            return;
        }
        if (measurement is not (QasmMeasurement.Z or QasmMeasurement.X))
        {
            throw new ArgumentOutOfRangeException(nameof(measurement), measurement, "unknown measurement");
        }
        sb.Append("barrier q;\n");
        if (measurement == QasmMeasurement.X)
        {
            for (int q = 0; q < n; q++)
            {
                sb.Append($"h q[{q}];\n");
            }
        }
        for (int q = 0; q < n; q++)
        {
            measure(sb, q);
        }
    }

    private static void AppendComment(StringBuilder sb, string? comment)
    {
        if (string.IsNullOrEmpty(comment))
        {
            return;
        }
        foreach (var line in comment.Split('\n'))
        {
            sb.Append("// ").Append(line.TrimEnd('\r')).Append('\n');
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierRegex();
}
