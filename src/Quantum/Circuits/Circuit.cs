using QGan.MLNet.Core.Limits;
using QGan.MLNet.Quantum.Gates;

namespace QGan.MLNet.Quantum.Circuits;

/// <summary>
/// An ordered list of gates on <see cref="QubitCount"/> qubits. Every gate is validated when added
/// (qubit indices in range, control differs from target, finite angles), so simulators and exporters can
/// trust a circuit without re-checking it.
/// </summary>
public sealed class Circuit
{
    /// <summary>Largest register the statevector engine accepts (<see cref="SizeLimits.MaxQubits"/>: 2^30 amplitudes = 16 GiB of complex doubles).</summary>
    public const int MaxQubits = SizeLimits.MaxQubits;

    private readonly List<GateOp> _gates = [];

    /// <summary>An empty circuit on <paramref name="qubitCount"/> qubits (1..<see cref="MaxQubits"/>).</summary>
    public Circuit(int qubitCount)
    {
        if (qubitCount is < 1 or > MaxQubits)
        {
            throw new ArgumentOutOfRangeException(nameof(qubitCount), qubitCount, $"qubit count must be in 1..{MaxQubits}");
        }
        QubitCount = qubitCount;
    }

    /// <summary>Number of qubits.</summary>
    public int QubitCount { get; }

    /// <summary>The gates in application order.</summary>
    public IReadOnlyList<GateOp> Gates => _gates;

    /// <summary>Appends a gate (validated: qubits in range and distinct, finite angles) and returns this circuit.</summary>
    public Circuit Add(GateOp op)
    {
        Validate(op, QubitCount, _gates.Count);
        _gates.Add(op);
        return this;
    }

    /// <summary>Appends gates in order (each validated like <see cref="Add"/>) and returns this circuit.</summary>
    public Circuit AddRange(IEnumerable<GateOp> ops)
    {
        foreach (var op in ops)
        {
            Add(op);
        }
        return this;
    }

    /// <summary>Throws a clear error naming the gate index when <paramref name="op"/> is not valid on n qubits.</summary>
    public static void Validate(in GateOp op, int qubitCount, int index)
    {
        if (op.Target < 0 || op.Target >= qubitCount)
        {
            throw new ArgumentOutOfRangeException(nameof(op), $"gate {index} ({op.QasmName}): target qubit {op.Target} is out of range 0..{qubitCount - 1}");
        }
        if (op.IsControlled)
        {
            if (op.Control < 0 || op.Control >= qubitCount)
            {
                throw new ArgumentOutOfRangeException(nameof(op), $"gate {index} ({op.QasmName}): control qubit {op.Control} is out of range 0..{qubitCount - 1}");
            }
            if (op.Control == op.Target)
            {
                throw new ArgumentException($"gate {index} ({op.QasmName}): control and target are both qubit {op.Target}", nameof(op));
            }
        }
        else if (op.Control != -1)
        {
            throw new ArgumentException($"gate {index} ({op.QasmName}): a single-qubit gate cannot have a control", nameof(op));
        }
        if (!double.IsFinite(op.Theta) || !double.IsFinite(op.Phi) || !double.IsFinite(op.Lambda))
        {
            throw new ArgumentException($"gate {index} ({op.QasmName}): angle is NaN or infinite", nameof(op));
        }
    }
}
